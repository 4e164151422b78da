package io.github.pkce4j.policy.internal;

import java.util.List;

/**
 * The prose of the PKCE verdicts: what was found and why it gives the verdict, in the words a
 * Salesforce admin reads in the report. {@link Auditor} decides; these methods only word it.
 * Input-derived text (names, values) is passed through {@link Printable} before it is quoted.
 */
final class Why {
  static final String SETTINGS = "OauthOidcSettings";
  private static final String CA_FLAG = "oauthConfig/isPkceRequired";
  private static final String ECA_FLAG = "ExtlClntAppGlobalOauthSettings/isPkceRequired";
  private static final String INTERCEPTED_CODE = "an intercepted authorization code can be"
      + " redeemed without the code_verifier (RFC 7636 §1)";

  private Why() {}

  static final String CA_SAML_ONLY = "a SAML-only app: it has samlConfig and no oauthConfig";
  static final String CA_CANVAS_ONLY = "a canvas app without OAuth settings: it has canvasConfig"
      + " and no oauthConfig";
  static final String CA_NO_OAUTH = "it has no oauthConfig (OAuth is not enabled; e.g. a"
      + " managed-package stub)";
  static final String CA_PASS = CA_FLAG + " is true: the app requires PKCE for its"
      + " authorization-code flows.";
  static final String CA_OWN_FALSE = CA_FLAG + " is false";
  static final String CA_OWN_ABSENT = "oauthConfig has no isPkceRequired element, so the setting"
      + " has its default, false (the field exists from API 59.0 on, so a file retrieved at an"
      + " earlier API version never has it)";
  static final String ECA_PASS = ECA_FLAG + " is true: the app requires PKCE for its"
      + " authorization-code flows.";
  static final String ECA_PASS_DEFAULT = "ExtlClntAppGlobalOauthSettings has no isPkceRequired"
      + " element; its default is true, so the app requires PKCE.";
  static final String ECA_OAUTH_PLUGIN_OFF = "Not applicable: ExtlClntAppConfigurablePolicies/"
      + "isOauthPluginEnabled is false, so the app's OAuth plugin is off and there is no"
      + " authorization-code flow to protect.";

  /** A Connected App without OAuth: {@code why} is one of the {@code CA_*_ONLY} reasons. */
  static String notApplicable(String why) {
    return "Not applicable: " + why + ", so there is no authorization-code flow to protect.";
  }

  /** A boolean setting at {@code path} holding other text. */
  static String notBoolean(String path, String value) {
    return path + " holds '" + Printable.shortText(value) + "', which is not a boolean, so the"
        + " setting cannot be read; this is not a pass.";
  }

  /** {@link #notBoolean} for the Connected App's own flag, with the fix. */
  static String caNotBoolean(String value) {
    return notBoolean(CA_FLAG, value) + " Fix the value (true) and re-audit.";
  }

  /** {@link #notBoolean} for the External Client App's flag. */
  static String ecaNotBoolean(String value) {
    return notBoolean(ECA_FLAG, value);
  }

  static String caOrgSettingTwice(String ownText, XmlDoc settings, String settingsPath) {
    return ownText + "; and the org-wide setting cannot be read: " + SETTINGS + "/"
        + twice(settings, "isPkceRequired") + " in " + settingsPath + "; this is not a pass. Keep"
        + " one element and re-audit.";
  }

  static String caPassByOrg(String ownText, String orgWhere) {
    return ownText + "; but the org requires PKCE for every app's authorization-code flows: "
        + SETTINGS + "/isPkceRequired is true in " + orgWhere + ".";
  }

  /**
   * A failing Connected App: its own setting, the advice to re-retrieve when the element is
   * absent, and what the org-wide setting said (or that none was found).
   *
   * @param orgWhere "path:line" of the org-wide setting, or null without settings
   */
  static String caFail(String ownText, boolean ownAbsent, String appName, String settingsPath,
      Flag org, String orgWhere) {
    StringBuilder m = new StringBuilder(ownText)
        .append(", so the app does not require PKCE and ").append(INTERCEPTED_CODE).append('.');
    if (ownAbsent) {
      m.append(" If the file was retrieved below API 59.0, re-retrieve it at 59.0 or later to read"
          + " the app's current value: sf project retrieve start -m ConnectedApp:")
          .append(Printable.shortText(appName))
          .append(" (sourceApiVersion 59.0+ in sfdx-project.json, or --api-version 59.0).");
    }
    if (settingsPath == null) {
      m.append(" No OauthOidc.settings was found for the app's project (in a settings folder"
          + " beside the app's folder, or in its SFDX project), so the org-wide setting (default"
          + " false) was not checked.");
    } else if (org == Flag.FALSE) {
      m.append(" The org does not require PKCE either: " + SETTINGS + "/isPkceRequired is false"
          + " in ").append(orgWhere).append('.');
    } else {
      m.append(" The org does not require PKCE either: ").append(settingsPath)
          .append(org == Flag.ABSENT ? " has no isPkceRequired element (default false)."
              : " has an isPkceRequired value that is not a boolean.");
    }
    return m.toString();
  }

  static String ecaNoGlobalSettings(String appName) {
    return "Not evaluable: no ExtlClntAppGlobalOauthSettings (.ecaGlblOauth) file for this app is"
        + " in the input, and it is the file that holds isPkceRequired; this is not a pass."
        + " Salesforce says that file must not be kept in source control, and reading it needs the"
        + " org permission \"Allow Access to OAuth Consumer Secrets via Metadata API\". Retrieve it"
        + " with sf project retrieve start -m ExtlClntAppGlobalOauthSettings:"
        + Printable.shortText(appName) + "_glbloauth and audit it, or check the setting in the"
        + " app's OAuth Settings in Setup.";
  }

  /**
   * A failing External Client App.
   *
   * @param orgTrueWhere "path:line" of an org-wide isPkceRequired that is true, or null
   */
  static String ecaFail(String orgTrueWhere) {
    String m = ECA_FLAG + " is false: the app does not require PKCE, so " + INTERCEPTED_CODE + ".";
    if (orgTrueWhere == null) {
      return m;
    }
    return m + " The org-wide " + SETTINGS + "/isPkceRequired is true in " + orgTrueWhere
        + ", but it is not counted for an External Client App: Salesforce documents it for"
        + " connected apps and the org's authorization-code flows, and does not say that it"
        + " overrides an External Client App's own setting.";
  }

  static String notEvaluableTwice(XmlDoc doc, String path) {
    return "Not evaluable: " + twice(doc, path) + "; a single-valued setting given more than"
        + " once cannot be read (one reader takes the first, another the last), so this is not"
        + " a pass. Keep one element and re-audit.";
  }

  /** "isPkceRequired occurs 2 times (lines 6, 7)". */
  static String twice(XmlDoc doc, String path) {
    StringBuilder lines = new StringBuilder();
    for (XmlDoc.Leaf leaf : doc.all(path)) {
      lines.append(lines.length() == 0 ? "" : ", ").append(leaf.line());
    }
    return path + " occurs " + doc.all(path).size() + " times (lines " + lines + ")";
  }

  /** An optional control's element that is absent where Salesforce documents no default. */
  static String absentWithoutDocumentedDefault(String shown) {
    return "Not evaluable: " + shown + " is absent, and the Salesforce reference this audit"
        + " follows documents no default for it, so its value is not known; this is not a pass."
        + " Re-retrieve the app at a current API version, or check the setting in Setup.";
  }

  /** A value outside the documented ones. */
  static String unknownChoice(String found, List<String> passing,
      List<String> failing) {
    return "Not evaluable: " + found + ", which is none of the values this audit knows (passing: "
        + String.join(", ", passing) + "; failing: " + String.join(", ", failing) + "); this is"
        + " not a pass.";
  }

  /** The Connected App device-flow control: ConnectedApp metadata has no such element. */
  static final String CA_DEVICE_FLOW_NOT_IN_METADATA = "Not evaluable: the file has no"
      + " oauthConfig/isDeviceFlowEnabled, and the Metadata API reference documents no device-flow"
      + " element for a ConnectedApp, so this audit cannot read the setting; this is not a pass."
      + " Check \"Enable for Device Flow\" in the app's API (Enable OAuth Settings) in Setup.";

  /** An org-wide control without any OauthOidc.settings in the input. */
  static final String ORG_NO_SETTINGS = "Not evaluable: no OauthOidc.settings is in this input, so"
      + " the org-wide OAuth flow settings cannot be read; this is not a pass. Retrieve it with sf"
      + " project retrieve start -m Settings:OauthOidc and audit it.";

  static String ecaNoOauthPolicies(String appName) {
    return "Not evaluable: no ExtlClntAppOauthConfigurablePolicies (.ecaOauthPlcy) file for this"
        + " app is in the input, and it is the file that holds the app's OAuth policies; this is"
        + " not a pass. Retrieve it with sf project retrieve start -m"
        + " ExtlClntAppOauthConfigurablePolicies:" + Printable.shortText(appName) + "_oauthPlcy"
        + " and audit it.";
  }
}
