/**
 * The OAuth 2.0 authorization code flow with PKCE on the client side, without a transport
 * (RFC 6749 §4.1, RFC 7636, RFC 8252, RFC 9207, RFC 9700).
 *
 * <p>{@link io.github.pkce4j.client.PkceLoginFlow} holds the rules; an {@link
 * io.github.pkce4j.client.AuthorizationSession} is one attempt; an {@link
 * io.github.pkce4j.client.HttpTransport} moves the bytes and is implemented by {@code
 * pkce-jdkhttp} and {@code pkce-okhttp}.
 */
package io.github.pkce4j.client;
