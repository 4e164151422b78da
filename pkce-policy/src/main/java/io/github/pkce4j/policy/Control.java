package io.github.pkce4j.policy;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The Salesforce controls the audit evaluates: the two Security Health Review controls that
 * require PKCE (RFC 7636) for an app's authorization-code flow, which are the default, and the
 * optional OAuth controls around them, switched on by {@link #group() group} (see {@link
 * PkceAudit.Builder#controls(java.util.Collection)}).
 *
 * <p>Names, recommended values and severities are Salesforce's own where the Security Health
 * Review publishes them, so a finding can be matched to the Health Review line it explains; the
 * module README lists the pages, and says which titles and severities are pkce4j's own because
 * no published control was found.
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
          + " <isPkceRequired>true</isPkceRequired> in OauthOidc.settings.",
      Group.PKCE),
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
          + " ExtlClntAppGlobalOauthSettings (.ecaGlblOauth).",
      Group.PKCE),
  /** Connected Apps: {@code oauthConfig/isConsumerSecretOptional} false. */
  CONNECTED_APP_WEB_SERVER_SECRET(
      "SF-CA-WEB-SECRET",
      "ConnectedAppRequiresSecretForWebServerFlow",
      "Connected Apps: API (Enable OAuth Settings): Require Secret for Web Server Flow",
      MetadataType.CONNECTED_APP,
      Severity.CRITICAL,
      "\"Require Secret for Web Server Flow\" selected",
      "In Setup > App Manager, edit the connected app and under API (Enable OAuth Settings) select"
          + " \"Require Secret for Web Server Flow\". In source, set"
          + " <isConsumerSecretOptional>false</isConsumerSecretOptional> in <oauthConfig>. A"
          + " public client (mobile, desktop, single-page app) cannot keep a secret: require PKCE"
          + " for it instead.",
      Group.WEB_SERVER_SECRET),
  /** External Client Apps: {@code ExtlClntAppGlobalOauthSettings/isConsumerSecretOptional}. */
  EXTERNAL_CLIENT_APP_WEB_SERVER_SECRET(
      "SF-ECA-WEB-SECRET",
      "ExternalClientAppRequiresSecretForWebServerFlow",
      "External Client Apps: Require secret for Web Server Flow",
      MetadataType.EXTERNAL_CLIENT_APPLICATION,
      Severity.HIGH,
      "\"Require secret for Web Server Flow\" selected in the OAuth Settings of the External"
          + " Client App",
      "In Setup > External Client App Manager, edit the app's OAuth Settings and select"
          + " \"Require secret for Web Server Flow\". In metadata this is"
          + " <isConsumerSecretOptional>false</isConsumerSecretOptional> in the app's"
          + " ExtlClntAppGlobalOauthSettings. A public client cannot keep a secret: require PKCE"
          + " for it instead.",
      Group.WEB_SERVER_SECRET),
  /** Connected Apps: {@code oauthConfig/isSecretRequiredForRefreshToken} true. */
  CONNECTED_APP_REFRESH_SECRET(
      "SF-CA-REFRESH-SECRET",
      "ConnectedAppRequiresSecretForRefreshTokenFlow",
      "Connected App: API (Enable OAuth Settings): Require Secret for Refresh Token Flow",
      MetadataType.CONNECTED_APP,
      Severity.CRITICAL,
      "\"Require Secret for Refresh Token Flow\" selected",
      "In Setup > App Manager, edit the connected app and under API (Enable OAuth Settings) select"
          + " \"Require Secret for Refresh Token Flow\". In source, set"
          + " <isSecretRequiredForRefreshToken>true</isSecretRequiredForRefreshToken> in"
          + " <oauthConfig>. For a public client, enable refresh token rotation instead.",
      Group.REFRESH_SECRET),
  /** External Client Apps: {@code isSecretRequiredForRefreshToken} true. */
  EXTERNAL_CLIENT_APP_REFRESH_SECRET(
      "SF-ECA-REFRESH-SECRET",
      "ExternalClientAppRequiresSecretForRefreshTokenFlow",
      "External Client Apps: Security: Require secret for Refresh Token Flow",
      MetadataType.EXTERNAL_CLIENT_APPLICATION,
      Severity.HIGH,
      "\"Require secret for Refresh Token Flow\" selected",
      "In Setup > External Client App Manager, edit the app's OAuth Settings and under Security"
          + " select \"Require secret for Refresh Token Flow\". In metadata this is"
          + " <isSecretRequiredForRefreshToken>true</isSecretRequiredForRefreshToken> in the app's"
          + " ExtlClntAppGlobalOauthSettings.",
      Group.REFRESH_SECRET),
  /** Connected Apps: {@code oauthConfig/isRefreshTokenRotationEnabled} true. */
  CONNECTED_APP_REFRESH_ROTATION(
      "SF-CA-REFRESH-ROTATION",
      "ConnectedAppEnablesRefreshTokenRotation",
      "Connected Apps: API (Enable OAuth Settings): Enable Refresh Token Rotation",
      MetadataType.CONNECTED_APP,
      Severity.CRITICAL,
      "\"Enable Refresh Token Rotation\" selected",
      "In Setup > App Manager, edit the connected app and under API (Enable OAuth Settings) select"
          + " \"Enable Refresh Token Rotation\". In source, set"
          + " <isRefreshTokenRotationEnabled>true</isRefreshTokenRotationEnabled> in <oauthConfig>."
          + " The client must then store the new refresh token after every refresh.",
      Group.REFRESH_ROTATION),
  /** External Client Apps: {@code isRefreshTokenRotationEnabled} true. */
  EXTERNAL_CLIENT_APP_REFRESH_ROTATION(
      "SF-ECA-REFRESH-ROTATION",
      "ExternalClientAppEnablesRefreshTokenRotation",
      "External Client Apps: Enable Refresh Token Rotation",
      MetadataType.EXTERNAL_CLIENT_APPLICATION,
      Severity.HIGH,
      "\"Enable Refresh Token Rotation\" selected in the OAuth Settings of the External Client"
          + " App",
      "In Setup > External Client App Manager, edit the app's OAuth Settings and select"
          + " \"Enable Refresh Token Rotation\". In metadata this is"
          + " <isRefreshTokenRotationEnabled>true</isRefreshTokenRotationEnabled> in the app's"
          + " ExtlClntAppGlobalOauthSettings.",
      Group.REFRESH_ROTATION),
  /** Connected Apps: {@code oauthPolicy/refreshTokenPolicy} other than {@code infinite}. */
  CONNECTED_APP_REFRESH_LIFETIME(
      "SF-CA-REFRESH-LIFETIME",
      "ConnectedAppLimitsRefreshTokenLifetime",
      "Manage OAuth Access Policies for Connected Apps: Refresh Token Policy",
      MetadataType.CONNECTED_APP,
      Severity.HIGH,
      "A refresh token policy other than \"Refresh token is valid until revoked\"",
      "In Setup > Manage Connected Apps, edit the app's policies and under OAuth Policies choose a"
          + " Refresh Token Policy that expires tokens (\"Expire refresh token if not used for\","
          + " \"Expire refresh token after\" or \"Immediately expire refresh token\"). In source,"
          + " set <refreshTokenPolicy> in <oauthPolicy> to a value other than infinite.",
      Group.REFRESH_LIFETIME),
  /** External Client Apps: {@code ExtlClntAppOauthConfigurablePolicies/refreshTokenPolicyType}. */
  EXTERNAL_CLIENT_APP_REFRESH_LIFETIME(
      "SF-ECA-REFRESH-LIFETIME",
      "ExternalClientAppLimitsRefreshTokenLifetime",
      "External Client Apps: OAuth Policies: Refresh Token Policy",
      MetadataType.EXTERNAL_CLIENT_APPLICATION,
      Severity.HIGH,
      "A refresh token policy that expires refresh tokens",
      "In Setup > External Client App Manager, edit the app's policies and under OAuth Policies"
          + " choose a Refresh Token Policy that expires tokens. In metadata this is"
          + " <refreshTokenPolicyType> in the app's ExtlClntAppOauthConfigurablePolicies"
          + " (.ecaOauthPlcy), e.g. SpecificLifetime with <refreshTokenValidityPeriod>.",
      Group.REFRESH_LIFETIME),
  /** Connected Apps: {@code oauthPolicy/ipRelaxation} {@code ENFORCE}. */
  CONNECTED_APP_IP_RELAXATION(
      "SF-CA-IP-RELAXATION",
      "ConnectedAppEnforcesIpRestrictions",
      "Manage OAuth Access Policies for Connected Apps – IP Relaxation",
      MetadataType.CONNECTED_APP,
      Severity.HIGH,
      "\"Enforce IP restrictions\" selected",
      "In Setup > Manage Connected Apps, edit the app's policies and under OAuth Policies set IP"
          + " Relaxation to \"Enforce IP restrictions\". In source, set"
          + " <ipRelaxation>ENFORCE</ipRelaxation> in <oauthPolicy>.",
      Group.IP_RELAXATION),
  /** External Client Apps: {@code ipRelaxationPolicyType} {@code Enforce}. */
  EXTERNAL_CLIENT_APP_IP_RELAXATION(
      "SF-ECA-IP-RELAXATION",
      "ExternalClientAppEnforcesIpRestrictions",
      "External Client Apps: OAuth Policies: IP Relaxation",
      MetadataType.EXTERNAL_CLIENT_APPLICATION,
      Severity.HIGH,
      "\"Enforce IP restrictions\" selected",
      "In Setup > External Client App Manager, edit the app's policies and under OAuth Policies set"
          + " IP Relaxation to \"Enforce IP restrictions\". In metadata this is"
          + " <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType> in the app's"
          + " ExtlClntAppOauthConfigurablePolicies (.ecaOauthPlcy).",
      Group.IP_RELAXATION),
  /** Connected Apps: the device flow; its setting is not in ConnectedApp metadata. */
  CONNECTED_APP_DEVICE_FLOW(
      "SF-CA-DEVICE-FLOW",
      "ConnectedAppDisablesDeviceFlow",
      "Connected Apps: API (Enable OAuth Settings): Enable for Device Flow - Deselected",
      MetadataType.CONNECTED_APP,
      Severity.HIGH,
      "\"Enable for Device Flow\" deselected",
      "In Setup > App Manager, edit the connected app and under API (Enable OAuth Settings)"
          + " deselect \"Enable for Device Flow\" unless the app runs on an input-constrained"
          + " device.",
      Group.DEVICE_FLOW),
  /** External Client Apps: {@code ExtlClntAppGlobalOauthSettings/isDeviceFlowEnabled} false. */
  EXTERNAL_CLIENT_APP_DEVICE_FLOW(
      "SF-ECA-DEVICE-FLOW",
      "ExternalClientAppDisablesDeviceFlow",
      "External Client Apps: Enable for Device Flow - Deselected",
      MetadataType.EXTERNAL_CLIENT_APPLICATION,
      Severity.HIGH,
      "\"Enable for Device Flow\" deselected",
      "In Setup > External Client App Manager, edit the app's OAuth Settings and deselect"
          + " \"Enable for Device Flow\" unless the app runs on an input-constrained device. In"
          + " metadata this is <isDeviceFlowEnabled>false</isDeviceFlowEnabled> in the app's"
          + " ExtlClntAppGlobalOauthSettings.",
      Group.DEVICE_FLOW),
  /** The org: {@code OauthOidcSettings/blockOAuthUnPwFlow} true (default false). */
  ORG_USERNAME_PASSWORD_FLOW(
      "SF-ORG-UNPW-FLOW",
      "OrgBlocksUsernamePasswordFlow",
      "OAuth and OpenID Connect Settings: Allow OAuth Username-Password Flows - Deselected",
      MetadataType.OAUTH_OIDC_SETTINGS,
      Severity.CRITICAL,
      "\"Allow OAuth Username-Password Flows\" deselected",
      "In Setup > OAuth and OpenID Connect Settings, turn off \"Allow OAuth Username-Password"
          + " Flows\" once no integration uses it. In metadata this is"
          + " <blockOAuthUnPwFlow>true</blockOAuthUnPwFlow> in OauthOidc.settings.",
      Group.ORG_FLOWS),
  /** The org: {@code OauthOidcSettings/blockOAuthUsrAgtFlow} true (default false). */
  ORG_USER_AGENT_FLOW(
      "SF-ORG-USER-AGENT-FLOW",
      "OrgBlocksUserAgentFlow",
      "OAuth and OpenID Connect Settings: Allow OAuth User-Agent Flows - Deselected",
      MetadataType.OAUTH_OIDC_SETTINGS,
      Severity.HIGH,
      "\"Allow OAuth User-Agent Flows\" deselected",
      "In Setup > OAuth and OpenID Connect Settings, turn off \"Allow OAuth User-Agent Flows\""
          + " once no integration uses it (a browser app uses the web server flow with PKCE"
          + " instead). In metadata this is <blockOAuthUsrAgtFlow>true</blockOAuthUsrAgtFlow> in"
          + " OauthOidc.settings.",
      Group.ORG_FLOWS);

  /** The groups the {@code --controls} option names. */
  private enum Group {
    PKCE, WEB_SERVER_SECRET, REFRESH_SECRET, REFRESH_ROTATION, REFRESH_LIFETIME, IP_RELAXATION,
    DEVICE_FLOW, ORG_FLOWS;

    String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /** What {@link #parseGroups(String)} accepts beside the group names: every control. */
  public static final String ALL = "all";

  private final String ruleId;
  private final String ruleName;
  private final String title;
  private final MetadataType appType;
  private final Severity severity;
  private final String recommended;
  private final String remediation;
  private final Group group;

  Control(String ruleId, String ruleName, String title, MetadataType appType, Severity severity,
      String recommended, String remediation, Group group) {
    this.group = group;
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

  /**
   * {@return the group that switches this control on, as the {@code --controls} option names it:
   * {@code pkce} (the default), {@code web-server-secret}, {@code refresh-secret}, {@code
   * refresh-rotation}, {@code refresh-lifetime}, {@code ip-relaxation}, {@code device-flow} or
   * {@code org-flows}}
   */
  public String group() {
    return group.id();
  }

  /** {@return true for the two PKCE controls, which the audit evaluates by default} */
  public boolean isDefault() {
    return group == Group.PKCE;
  }

  /** {@return the two PKCE controls: what the audit evaluates unless told otherwise} */
  public static Set<Control> defaults() {
    return Collections.unmodifiableSet(EnumSet.of(CONNECTED_APP_PKCE, EXTERNAL_CLIENT_APP_PKCE));
  }

  /**
   * The controls of a comma-separated list of groups ({@link #group()}), or of {@value #ALL},
   * case-insensitively, e.g. {@code pkce,refresh-secret}.
   *
   * @param groups the group names
   * @return the controls, in declaration order
   * @throws IllegalArgumentException naming the unknown group and every known one
   */
  public static Set<Control> parseGroups(String groups) {
    Set<Control> chosen = EnumSet.noneOf(Control.class);
    for (String raw : groups.split(",", -1)) {
      String name = raw.trim().toLowerCase(Locale.ROOT);
      int before = chosen.size();
      for (Control c : values()) {
        if (name.equals(ALL) || c.group().equals(name)) {
          chosen.add(c);
        }
      }
      if (chosen.size() == before && !isGroupName(name)) {
        throw new IllegalArgumentException("unknown control group '" + raw.trim()
            + "'; expected " + groupNames() + " or " + ALL + ", separated by commas");
      }
    }
    return Collections.unmodifiableSet(chosen);
  }

  /** {@return the group names, comma-separated, in declaration order} */
  public static String groupNames() {
    StringBuilder b = new StringBuilder();
    for (Group g : Group.values()) {
      b.append(b.length() == 0 ? "" : ", ").append(g.id());
    }
    return b.toString();
  }

  private static boolean isGroupName(String name) {
    for (Group g : Group.values()) {
      if (g.id().equals(name)) {
        return true;
      }
    }
    return name.equals(ALL);
  }
}
