package io.github.pkce4j.policy;

/**
 * The Salesforce metadata types the audit reads, recognised by file-name suffix wherever they sit
 * (SFDX source layout adds {@code -meta.xml}; the Metadata API layout does not).
 *
 * @since 0.1.0
 */
public enum MetadataType {
  /** {@code ConnectedApp}: {@code *.connectedApp}. */
  CONNECTED_APP("ConnectedApp", ".connectedApp"),
  /** {@code ExternalClientApplication}, the External Client App header: {@code *.eca}. */
  EXTERNAL_CLIENT_APPLICATION("ExternalClientApplication", ".eca"),
  /** {@code ExtlClntAppGlobalOauthSettings}, which holds {@code isPkceRequired}. */
  ECA_GLOBAL_OAUTH_SETTINGS("ExtlClntAppGlobalOauthSettings", ".ecaGlblOauth"),
  /** {@code ExtlClntAppOauthSettings}: scopes and the OAuth link. */
  ECA_OAUTH_SETTINGS("ExtlClntAppOauthSettings", ".ecaOauth"),
  /** {@code ExtlClntAppOauthConfigurablePolicies}: admin OAuth policies. */
  ECA_OAUTH_POLICIES("ExtlClntAppOauthConfigurablePolicies", ".ecaOauthPlcy"),
  /** {@code ExtlClntAppConfigurablePolicies}: whether the OAuth plugin is enabled. */
  ECA_POLICIES("ExtlClntAppConfigurablePolicies", ".ecaPlcy"),
  /** {@code OauthOidcSettings}, the org-wide OAuth settings: {@code OauthOidc.settings}. */
  OAUTH_OIDC_SETTINGS("OauthOidcSettings", "OauthOidc.settings");

  /** The suffix the SFDX source layout adds to every metadata file name. */
  public static final String SOURCE_SUFFIX = "-meta.xml";

  private final String typeName;
  private final String suffix;

  MetadataType(String typeName, String suffix) {
    this.typeName = typeName;
    this.suffix = suffix;
  }

  /** {@return the Metadata API type name, which is also the root element of its files} */
  public String typeName() {
    return typeName;
  }

  /**
   * {@return the type of a file with this name, or {@code null} if the audit does not read such
   * files} Matching is by suffix and case-sensitive, as Salesforce's is.
   *
   * @param fileName a file name, without folders
   */
  public static MetadataType ofFileNameOrNull(String fileName) {
    String name = fileName.endsWith(SOURCE_SUFFIX)
        ? fileName.substring(0, fileName.length() - SOURCE_SUFFIX.length())
        : fileName;
    if (name.equals(OAUTH_OIDC_SETTINGS.suffix)) {
      return OAUTH_OIDC_SETTINGS;
    }
    int dot = name.lastIndexOf('.');
    if (dot <= 0) {
      return null;
    }
    String ext = name.substring(dot);
    for (MetadataType type : values()) {
      if (type != OAUTH_OIDC_SETTINGS && type.suffix.equals(ext)) {
        return type;
      }
    }
    return null;
  }
}
