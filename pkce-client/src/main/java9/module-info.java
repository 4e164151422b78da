/**
 * The transport-free PKCE client handshake (RFC 6749 section 4.1, RFC 7636, RFC 8252, RFC 8414,
 * RFC 9207): sessions, the authorization URL, redirect parsing, the token request, strict parsing
 * of token, error and metadata responses, discovery, and the {@code HttpTransport} interface the
 * adapters implement. No dependencies beyond pkce-core.
 */
module io.github.pkce4j.client {
  // Transitive: the client's API names core types (CodeVerifier, PkceConfig, PkceException).
  requires transitive io.github.pkce4j.core;

  exports io.github.pkce4j.client;
}
