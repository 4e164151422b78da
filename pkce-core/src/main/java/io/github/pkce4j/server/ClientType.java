package io.github.pkce4j.server;

/**
 * Whether a client can keep a secret (RFC 6749 §2.1), which decides whether PKCE may ever be
 * left out.
 *
 * @since 0.1.0
 */
public enum ClientType {
  /** Native, mobile, desktop and browser apps: no secret, so PKCE is always required. */
  PUBLIC,
  /** Clients that authenticate at the token endpoint with a secret or key. */
  CONFIDENTIAL
}
