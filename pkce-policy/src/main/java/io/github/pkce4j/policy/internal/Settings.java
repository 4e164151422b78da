package io.github.pkce4j.policy.internal;

import io.github.pkce4j.policy.Finding;
import io.github.pkce4j.policy.MetadataType;
import java.util.List;

/**
 * The OAuth settings an app's findings carry for the inventory: flags and policy names only,
 * read by name from a fixed list, so that a consumer key, secret or certificate in the same file
 * can never be copied into a report. Connected App and External Client App settings that mean
 * the same share a column ({@code refreshTokenPolicy} for both {@code oauthPolicy/
 * refreshTokenPolicy} and {@code refreshTokenPolicyType}).
 */
final class Settings {
  /** Column names, in report order. */
  static final String[] COLUMNS = {"isPkceRequired", "isConsumerSecretOptional",
      "isSecretRequiredForRefreshToken", "isRefreshTokenRotationEnabled", "refreshTokenPolicy",
      "ipRelaxation", "isDeviceFlowEnabled", "isOauthPluginEnabled", "blockOAuthUnPwFlow",
      "blockOAuthUsrAgtFlow"};

  private static final String[] CA_CONFIG = {"isPkceRequired", "isConsumerSecretOptional",
      "isSecretRequiredForRefreshToken", "isRefreshTokenRotationEnabled", "isDeviceFlowEnabled"};
  private static final String[] ECA_GLOBAL = {"isPkceRequired", "isConsumerSecretOptional",
      "isSecretRequiredForRefreshToken", "isRefreshTokenRotationEnabled", "isDeviceFlowEnabled"};
  private static final String[] ORG = {"isPkceRequired", "blockOAuthUnPwFlow",
      "blockOAuthUsrAgtFlow"};

  private Settings() {}

  static Finding.Builder connectedApp(Finding.Builder b, XmlDoc doc) {
    for (String name : CA_CONFIG) {
      copy(b, doc, "oauthConfig/" + name, name);
    }
    copy(b, doc, "oauthPolicy/refreshTokenPolicy", "refreshTokenPolicy");
    copy(b, doc, "oauthPolicy/ipRelaxation", "ipRelaxation");
    return b;
  }

  static Finding.Builder externalClientApp(Finding.Builder b, List<MetadataFile> files) {
    for (MetadataFile f : files) {
      XmlDoc doc = f.doc();
      if (f.type() == MetadataType.ECA_GLOBAL_OAUTH_SETTINGS) {
        for (String name : ECA_GLOBAL) {
          copy(b, doc, name, name);
        }
      } else if (f.type() == MetadataType.ECA_OAUTH_POLICIES) {
        copy(b, doc, "refreshTokenPolicyType", "refreshTokenPolicy");
        copy(b, doc, "ipRelaxationPolicyType", "ipRelaxation");
      } else if (f.type() == MetadataType.ECA_POLICIES) {
        copy(b, doc, "isOauthPluginEnabled", "isOauthPluginEnabled");
      }
    }
    return b;
  }

  static Finding.Builder org(Finding.Builder b, XmlDoc doc) {
    for (String name : ORG) {
      copy(b, doc, name, name);
    }
    return b;
  }

  /** A single-valued leaf only: a value given twice is left out rather than picked. */
  private static void copy(Finding.Builder b, XmlDoc doc, String path, String column) {
    List<XmlDoc.Leaf> leaves = doc.all(path);
    if (leaves.size() == 1) {
      b.setting(column, Printable.shortText(leaves.get(0).text()));
    }
  }
}
