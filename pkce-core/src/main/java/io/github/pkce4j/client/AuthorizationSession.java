package io.github.pkce4j.client;

import io.github.pkce4j.CodeVerifier;
import io.github.pkce4j.PkceException;
import io.github.pkce4j.internal.Base64Url;
import io.github.pkce4j.internal.UrlEncoding;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * One login attempt: a fresh {@code code_verifier} (RFC 7636 §4.1), a fresh {@code state} of 256
 * random bits (RFC 6749 §10.12, RFC 9700 §4.7.1), an optional OpenID Connect {@code nonce}, the
 * redirect URI and the issuer expected in the redirect (RFC 9207). Made by {@link
 * PkceLoginFlow#newSession(String)}. Immutable.
 *
 * <p>Never reuse a session: make a new one for every attempt, also after an error.
 *
 * <p>Android apps can lose their process while the browser is in front; {@link #save()} turns the
 * session into a compact string to put in {@code onSaveInstanceState} or app-private storage, and
 * {@link #restore(String)} brings it back for the redirect.
 *
 * <p>Security: the saved string and the verifier are secret until the code is redeemed. Keep the
 * saved string only in app-private storage (never in a URL, a log, shared storage or a backup),
 * and delete it once the login finishes or fails. {@link #toString()} prints no secret.
 *
 * @since 0.1.0
 */
public final class AuthorizationSession {
  /** Random bytes in a {@code state} or {@code nonce}: 256 bits, 43 base64url characters. */
  public static final int RANDOM_BYTES = 32;

  private static final String SAVED_PREFIX = "pkce4j-session-v1.";
  private static final int MAX_SAVED_LENGTH = 8 * 1024;

  private final CodeVerifier verifier;
  private final String state;
  private final String nonce;
  private final String redirectUri;
  private final String expectedIssuer;

  private AuthorizationSession(CodeVerifier verifier, String state, String nonce,
      String redirectUri, String expectedIssuer) {
    this.verifier = verifier;
    this.state = state;
    this.nonce = nonce;
    this.redirectUri = redirectUri;
    this.expectedIssuer = expectedIssuer;
  }

  static AuthorizationSession create(SecureRandom random, String redirectUri,
      String expectedIssuer, boolean withNonce) {
    CodeVerifier verifier = CodeVerifier.generate(random);
    String state = randomToken(random);
    String nonce = withNonce ? randomToken(random) : null;
    return new AuthorizationSession(verifier, state, nonce, redirectUri, expectedIssuer);
  }

  private static String randomToken(SecureRandom random) {
    byte[] raw = new byte[RANDOM_BYTES];
    random.nextBytes(raw);
    return Base64Url.encode(raw);
  }

  /** The {@code code_verifier}. Security: secret until the token request. */
  public CodeVerifier codeVerifier() {
    return verifier;
  }

  /** The {@code state} sent in the authorization request and required back in the redirect. */
  public String state() {
    return state;
  }

  /** The OpenID Connect {@code nonce} to find in the ID token, or {@code null} if none was sent. */
  public String nonceOrNull() {
    return nonce;
  }

  /** The {@code redirect_uri} of the authorization and token requests. */
  public String redirectUri() {
    return redirectUri;
  }

  /** The issuer the redirect's {@code iss} must equal (RFC 9207 §2.4). */
  public String expectedIssuer() {
    return expectedIssuer;
  }

  /**
   * Saves the session as a compact ASCII string ({@code pkce4j-session-v1.} then five base64url
   * fields separated by dots).
   *
   * <p>Security: the string contains the verifier; see the class documentation for where to keep
   * it.
   */
  public String save() {
    return SAVED_PREFIX + field(verifier.value()) + "." + field(state) + "."
        + (nonce == null ? "" : field(nonce)) + "." + field(redirectUri) + "."
        + field(expectedIssuer);
  }

  private static String field(String value) {
    return Base64Url.encode(UrlEncoding.utf8(value));
  }

  /**
   * Restores a session from {@link #save()}'s string.
   *
   * @throws IllegalArgumentException if the string is not a saved session (the message never
   *     quotes it)
   */
  public static AuthorizationSession restore(String saved) {
    Objects.requireNonNull(saved, "saved");
    if (saved.length() > MAX_SAVED_LENGTH || !saved.startsWith(SAVED_PREFIX)) {
      throw new IllegalArgumentException("not a saved pkce4j session: it must start with "
          + SAVED_PREFIX + " and be at most " + MAX_SAVED_LENGTH + " characters");
    }
    String[] parts = saved.substring(SAVED_PREFIX.length()).split("\\.", -1);
    if (parts.length != 5) {
      throw new IllegalArgumentException("saved pkce4j session has " + parts.length
          + " fields; version 1 has 5");
    }
    CodeVerifier verifier;
    try {
      verifier = CodeVerifier.parse(unfield(parts[0], "code_verifier"));
    } catch (PkceException e) {
      throw new IllegalArgumentException("saved pkce4j session: " + e.description());
    }
    String state = unfield(parts[1], "state");
    String nonce = parts[2].isEmpty() ? null : unfield(parts[2], "nonce");
    String redirectUri = unfield(parts[3], "redirect_uri");
    String issuer = unfield(parts[4], "issuer");
    if (state.isEmpty() || redirectUri.isEmpty() || issuer.isEmpty()) {
      throw new IllegalArgumentException("saved pkce4j session has an empty state, redirect_uri"
          + " or issuer");
    }
    return new AuthorizationSession(verifier, state, nonce, redirectUri, issuer);
  }

  private static String unfield(String part, String name) {
    byte[] bytes = Base64Url.decodeOrNull(part);
    if (bytes == null) {
      throw new IllegalArgumentException("saved pkce4j session: field " + name
          + " is not canonical base64url");
    }
    try {
      return UrlEncoding.decodeUtf8(bytes, 0, bytes.length);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("saved pkce4j session: field " + name
          + " is not UTF-8");
    }
  }

  /** Redirect URI and issuer only; no verifier, state or nonce. */
  @Override
  public String toString() {
    return "AuthorizationSession[redirect_uri=" + redirectUri + ", issuer=" + expectedIssuer
        + ", secrets redacted]";
  }
}
