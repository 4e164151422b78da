package io.github.pkce4j.client;

import io.github.pkce4j.CodeVerifier;
import io.github.pkce4j.PkceException;
import io.github.pkce4j.client.internal.UrlEncoding;
import io.github.pkce4j.internal.Base64Url;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One login attempt: a fresh {@code code_verifier} (RFC 7636 §4.1), a fresh {@code state} of 256
 * random bits (RFC 6749 §10.12, RFC 9700 §4.7.1), an optional OpenID Connect {@code nonce}, the
 * redirect URI and the issuer expected in the redirect (RFC 9207). Made by {@link
 * PkceLoginFlow#newSession(String)}. Its values never change; thread-safe.
 *
 * <p>Never reuse a session: make a new one for every attempt, also after an error. The session
 * object enforces part of this itself: {@link PkceLoginFlow#tokenRequest} (and so {@code
 * exchange} and the adapters' async variants) marks it used, and a second code exchange with the
 * same object is refused with an {@link IllegalStateException} (the code and the verifier are
 * single-use: RFC 6749 section 4.1.2, RFC 7636 section 4.1, RFC 9700 section 2.1). {@link
 * PkceLoginFlow#parseRedirect} does not mark it, so a forged callback with a wrong {@code state}
 * does not spend the session.
 *
 * <p>One-time use across processes is the app's job: a {@linkplain #parse(String) parsed}
 * copy is a new object and knows nothing of the original's use. Delete the saved string before
 * the exchange, so a second delivery of the redirect finds nothing to restore:
 *
 * <pre>{@code
 * String saved = prefs.getString("login", null);
 * prefs.edit().remove("login").commit();        // consume first: synchronous commit, not apply
 * if (saved == null) return;                     // already used, or never started: ignore it
 * AuthorizationSession session = AuthorizationSession.parse(saved);
 * AuthorizationResponse response = flow.parseRedirect(session, redirectUrl);
 * TokenResponse tokens = flow.exchange(session, response, transport);
 * }</pre>
 *
 * <p>Android apps can lose their process while the browser is in front; {@link #serialize()} turns the
 * session into a compact string to put in {@code onSaveInstanceState} or app-private storage, and
 * {@link #parse(String)} brings it back for the redirect.
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
  private final AtomicBoolean exchangeStarted = new AtomicBoolean();
  private final AtomicReference<PushedAuthorization> pushed =
      new AtomicReference<PushedAuthorization>();

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

  /**
   * Marks the code exchange started.
   *
   * @throws IllegalStateException if it was already started with this object
   */
  void markExchangeStarted() {
    if (!exchangeStarted.compareAndSet(false, true)) {
      throw new IllegalStateException("this session's code exchange has already been started;"
          + " the authorization code and the code_verifier are single-use (RFC 6749 section"
          + " 4.1.2, RFC 7636 section 4.1). Start a new session for a new login");
    }
  }

  /** Whether a code exchange has been started with this object (see the class documentation). */
  public boolean exchangeStarted() {
    return exchangeStarted.get();
  }

  /**
   * Keeps the server's answer to this session's pushed authorization request.
   *
   * @throws IllegalStateException if this session was pushed already
   */
  void recordPushedAuthorization(PushedAuthorization pushedAuthorization) {
    if (!pushed.compareAndSet(null, pushedAuthorization)) {
      throw new IllegalStateException("this session's authorization request has already been"
          + " pushed (RFC 9126); start a new session to push again");
    }
  }

  /**
   * This session's pushed authorization request (RFC 9126 section 2.2) with its {@code
   * request_uri} and expiry, or {@code null} if it was not pushed. Not {@linkplain #serialize()
   * saved}: a restored session needs it no more, since the authorization URL is built before the
   * browser opens.
   */
  public PushedAuthorization pushedAuthorizationOrNull() {
    return pushed.get();
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
   * Serializes the session as a compact ASCII string ({@code pkce4j-session-v1.} then five base64url
   * fields separated by dots).
   *
   * <p>Security: the string contains the verifier; see the class documentation for where to keep
   * it.
   */
  public String serialize() {
    return SAVED_PREFIX + field(verifier.value()) + "." + field(state) + "."
        + (nonce == null ? "" : field(nonce)) + "." + field(redirectUri) + "."
        + field(expectedIssuer);
  }

  private static String field(String value) {
    return Base64Url.encode(UrlEncoding.utf8(value));
  }

  /**
   * Parses a session from {@link #serialize()}'s string, as {@code PkceBinding.parse} does for a
   * binding. Accepts exactly what {@code serialize()} writes and nothing else: the verifier under RFC 7636 section 4.1, a {@code state} (and {@code nonce},
   * if any) of {@value #RANDOM_BYTES} random bytes as 43 base64url characters, the redirect URI
   * and the issuer under the same URI rules as {@link PkceLoginFlow#newSession(String)} and
   * {@link ServerMetadata#builder(String)}, every field in canonical base64url. The parsed copy
   * has not been {@linkplain #exchangeStarted() used}, whatever the original did; see the class
   * documentation.
   *
   * @throws IllegalArgumentException if the string is not a saved session (the message never
   *     quotes it)
   */
  public static AuthorizationSession parse(String saved) {
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
    String state = randomField(parts[1], "state");
    String nonce = parts[2].isEmpty() ? null : randomField(parts[2], "nonce");
    String redirectUri = unfield(parts[3], "redirect_uri");
    String issuer = unfield(parts[4], "issuer");
    try {
      UriRules.redirectUri(redirectUri);
      UriRules.issuer(issuer);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("saved pkce4j session: " + e.getMessage());
    }
    return new AuthorizationSession(verifier, state, nonce, redirectUri, issuer);
  }

  /** A {@code state} or {@code nonce} as {@link #create} makes it: 32 bytes, base64url. */
  private static String randomField(String part, String name) {
    String value = unfield(part, name);
    byte[] raw = Base64Url.decodeOrNull(value);
    if (raw == null || raw.length != RANDOM_BYTES) {
      throw new IllegalArgumentException("saved pkce4j session: field " + name + " is not "
          + RANDOM_BYTES + " random bytes in base64url, as pkce4j makes it (RFC 6749 section"
          + " 10.10)");
    }
    return value;
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
