/**
 * The authorization-server side of PKCE: {@link io.github.pkce4j.server.PkceServerRules} checks
 * authorization and token requests (RFC 7636 §4.4–4.6, RFC 9700 §2.1.1, §4.8) and
 * {@link io.github.pkce4j.server.PkceBinding} is what to store beside each code.
 */
package io.github.pkce4j.server;
