/**
 * PKCE (RFC 7636) verifiers, challenges and verification, and the authorization-server rules. No
 * dependencies beyond {@code java.base}. The client handshake is the separate module
 * {@code io.github.pkce4j.client}.
 */
module io.github.pkce4j.core {
  exports io.github.pkce4j;
  exports io.github.pkce4j.server;
  // Qualified: the client handshake shares core's base64url, constant-time compare and
  // printable-text helpers instead of copying them, and JPMS forbids a package split across two
  // modules; users never see the package (it is not exported to them, nor in the Javadoc). The
  // CLI (an automatic module, io.github.pkce4j.cli) uses PrintableText too: its Javadoc runs on
  // the module path, where an unqualified reader would be refused.
  exports io.github.pkce4j.internal to io.github.pkce4j.client, io.github.pkce4j.cli;
}
