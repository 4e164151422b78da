/**
 * PKCE (RFC 7636) verifiers, challenges and verification, the authorization-server rules and the
 * transport-free client handshake. No dependencies beyond {@code java.base}.
 */
module io.github.pkce4j.core {
  exports io.github.pkce4j;
  exports io.github.pkce4j.server;
  exports io.github.pkce4j.client;
}
