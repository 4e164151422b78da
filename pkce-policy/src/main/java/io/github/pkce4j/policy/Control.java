package io.github.pkce4j.policy;

/**
 * The two Salesforce Security Health Review controls that require PKCE (RFC 7636) for an app's
 * authorization-code flow.
 *
 * <p>Names, recommended values and severities are Salesforce's own, so a finding can be matched
 * to the Health Review line it explains.
 *
 * @since 0.1.0
 */
public enum Control {
  /** Connected Apps: {@code ConnectedApp/oauthConfig/isPkceRequired}, API 59.0+, default false. */
  CONNECTED_APP_PKCE(
      "SF-CA-PKCE",
      "ConnectedAppRequiresPkce",
      "Connected Apps: API (Enable OAuth Settings): Require Proof Key for Code Exchange (PKCE)",
      MetadataType.CONNECTED_APP,
      Severity.CRITICAL,
      "\"Require Proof Key for Code Exchange (PKCE) Extension for Supported Authorization Flows\""
          + " selected",
      "In Setup > App Manager, edit the connected app and under API (Enable OAuth Settings) select"
          + " \"Require Proof Key for Code Exchange (PKCE) Extension for Supported Authorization"
          + " Flows\". In source, set <isPkceRequired>true</isPkceRequired> in <oauthConfig>"
          + " (API 59.0+) and deploy. To cover every connected app at once, set"
          + " <isPkceRequired>true</isPkceRequired> in OauthOidc.settings."),
  /**
   * External Client Apps: {@code ExtlClntAppGlobalOauthSettings/isPkceRequired}, default true.
   */
  EXTERNAL_CLIENT_APP_PKCE(
      "SF-ECA-PKCE",
      "ExternalClientAppRequiresPkce",
      "External Client Apps: Security: Require Proof Key for Code Exchange (PKCE)",
      MetadataType.EXTERNAL_CLIENT_APPLICATION,
      Severity.HIGH,
      "\"Require Proof Key for Code Exchange (PKCE) extension for Supported Authorization Flows\""
          + " selected in the OAuth Settings of the External Client App",
      "In Setup > External Client App Manager, edit the app's OAuth Settings and select"
          + " \"Require Proof Key for Code Exchange (PKCE) extension for Supported Authorization"
          + " Flows\". In metadata this is <isPkceRequired>true</isPkceRequired> in the app's"
          + " ExtlClntAppGlobalOauthSettings (.ecaGlblOauth).");

  private final String ruleId;
  private final String ruleName;
  private final String title;
  private final MetadataType appType;
  private final Severity severity;
  private final String recommended;
  private final String remediation;

  Control(String ruleId, String ruleName, String title, MetadataType appType, Severity severity,
      String recommended, String remediation) {
    this.ruleId = ruleId;
    this.ruleName = ruleName;
    this.title = title;
    this.appType = appType;
    this.severity = severity;
    this.recommended = recommended;
    this.remediation = remediation;
  }

  /**
   * {@return a stable rule id, e.g. {@code SF-CA-PKCE}: the {@code ruleId} of JSON findings and
   * SARIF results, and the {@code RULE} column of the text report}
   */
  public String ruleId() {
    return ruleId;
  }

  /**
   * {@return a stable identifier-like rule name for SARIF, e.g. {@code ConnectedAppRequiresPkce}}
   */
  public String ruleName() {
    return ruleName;
  }

  /** {@return the control's full name as the Security Health Review shows it} */
  public String title() {
    return title;
  }

  /** {@return the metadata type whose components this control judges} */
  public MetadataType appType() {
    return appType;
  }

  /**
   * {@return the control's severity; its CVSS range is {@link Severity#cvssMin()}–{@link
   * Severity#cvssMax()}}
   */
  public Severity severity() {
    return severity;
  }

  /** {@return the recommended value, in the control's own words} */
  public String recommended() {
    return recommended;
  }

  /** {@return how to fix a failing app, in the control's own terms} */
  public String remediation() {
    return remediation;
  }
}
