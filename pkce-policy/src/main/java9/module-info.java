/**
 * Salesforce PKCE controls evaluated from retrieved metadata, with text, JSON and SARIF 2.1.0
 * reports. No dependencies beyond {@code java.base} and {@code java.xml}.
 */
module io.github.pkce4j.policy {
  requires java.xml;

  exports io.github.pkce4j.policy;
}
