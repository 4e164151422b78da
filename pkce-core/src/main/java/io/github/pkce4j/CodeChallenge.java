package io.github.pkce4j;

import io.github.pkce4j.internal.Base64Url;
import io.github.pkce4j.internal.ConstantTime;
import io.github.pkce4j.internal.Sha256Pool;
import java.util.Objects;

/**
 * A PKCE {@code code_challenge} with its method (RFC 7636 §4.2), and the check of a verifier
 * against it (RFC 7636 §4.6).
 *
 * <p>Clients make one with {@link #s256(CodeVerifier)}; servers read one from an authorization
 * request with {@link #parse(CharSequence, ChallengeMethod)} and later call
 * {@link #verify(CodeVerifier)} with the token request's verifier:
 *
 * <pre>{@code
 * CodeVerifier verifier = CodeVerifier.generate();
 * CodeChallenge challenge = CodeChallenge.s256(verifier);
 * // send challenge.value() and challenge.method() in the authorization request ...
 * challenge.verify(verifier); // on the server: throws PkceException(invalid_grant) on mismatch
 * }</pre>
 *
 * <p>Verification computes one SHA-256 and compares digests in constant time (as four 64-bit
 * words), without building strings; it allocates nothing but, once every few thousand calls per
 * thread, a fresh pooled digest (0.11 bytes per call on average). Making an S256 challenge
 * allocates this object and its string besides. Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class CodeChallenge {
  /** An S256 challenge is exactly 43 base64url characters: 32 bytes, unpadded (RFC 7636 §4.2). */
  public static final int S256_LENGTH = 43;

  /** Builds an S256 challenge from the pool's digest, inside {@link #s256(CodeVerifier)}. */
  private static final Sha256Pool.Digested<CodeChallenge> S256 =
      new Sha256Pool.Digested<CodeChallenge>() {
        @Override
        public CodeChallenge of(String base64Url, long w0, long w1, long w2, long w3) {
          return new CodeChallenge(ChallengeMethod.S256, base64Url, w0, w1, w2, w3, null);
        }
      };

  private final ChallengeMethod method;
  private final String value;
  // S256: the 32 digest bytes as four big-endian longs, compared in four steps. Fields, not a
  // long[]: one object fewer per challenge made. PLAIN: zero.
  private final long d0;
  private final long d1;
  private final long d2;
  private final long d3;
  /** PLAIN: the verifier's ASCII bytes. S256: null. */
  private final byte[] plain;

  private CodeChallenge(ChallengeMethod method, String value, long d0, long d1, long d2, long d3,
      byte[] plain) {
    this.method = method;
    this.value = value;
    this.d0 = d0;
    this.d1 = d1;
    this.d2 = d2;
    this.d3 = d3;
    this.plain = plain;
  }

  /** The S256 challenge of {@code verifier}, hashed with the default config's SHA-256. */
  public static CodeChallenge s256(CodeVerifier verifier) {
    return s256(verifier, PkceConfig.defaults());
  }

  /**
   * The S256 challenge of {@code verifier}: {@code BASE64URL(SHA256(ASCII(code_verifier)))}, RFC
   * 7636 §4.2, hashed with the config's SHA-256.
   */
  public static CodeChallenge s256(CodeVerifier verifier, PkceConfig config) {
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(config, "config");
    // One SHA-256, encoded in the pooled slot's buffer: the string and this object are all
    // that is allocated.
    return config.sha256().digestBase64Url(verifier.ascii(), S256);
  }

  /**
   * The plain challenge of {@code verifier}: the verifier itself, RFC 7636 §4.2.
   *
   * <p>Security: a plain challenge travels through the browser, so whoever reads the authorization
   * request can redeem the code. Use it only for a server that cannot do S256 (RFC 7636 §4.2,
   * RFC 9700 §2.1.1).
   */
  public static CodeChallenge plainInsecurely(CodeVerifier verifier) {
    Objects.requireNonNull(verifier, "verifier");
    return new CodeChallenge(ChallengeMethod.PLAIN, verifier.value(), 0, 0, 0, 0,
        verifier.ascii().clone());
  }

  /**
   * Parses a received {@code code_challenge} strictly.
   *
   * <p>S256: exactly 43 base64url characters, no padding, and the last character's two unused
   * bits zero, so each digest has exactly one accepted spelling. Plain: the verifier rules of RFC
   * 7636 §4.1.
   *
   * @throws PkceException with {@code invalid_request}, naming the rule broken
   */
  public static CodeChallenge parse(CharSequence value, ChallengeMethod method) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(method, "method");
    if (method == ChallengeMethod.PLAIN) {
      CodeVerifier asVerifier;
      try {
        asVerifier = CodeVerifier.parse(value, "plain code_challenge");
      } catch (PkceException e) {
        throw new PkceException(PkceException.INVALID_REQUEST, e.description()
            + " (RFC 7636 section 4.2: a plain challenge is a code_verifier)");
      }
      return new CodeChallenge(method, asVerifier.value(), 0, 0, 0, 0, asVerifier.ascii());
    }
    int length = value.length();
    if (length != S256_LENGTH) {
      throw new PkceException(PkceException.INVALID_REQUEST, "S256 code_challenge has " + length
          + " characters; RFC 7636 section 4.2 requires exactly 43 (unpadded base64url of"
          + " SHA-256)");
    }
    byte[] digest = Base64Url.decodeOrNull(value);
    if (digest == null) {
      throw new PkceException(PkceException.INVALID_REQUEST, "S256 code_challenge is not"
          + " canonical unpadded base64url ([A-Za-z0-9_-], last character's unused bits zero);"
          + " RFC 7636 section 4.2 and Appendix A");
    }
    long[] w = Sha256Pool.words(digest);
    return new CodeChallenge(method, value.toString(), w[0], w[1], w[2], w[3], null);
  }

  /** The {@code code_challenge} parameter value. */
  public String value() {
    return value;
  }

  /** The {@code code_challenge_method}. */
  public ChallengeMethod method() {
    return method;
  }

  /**
   * Checks {@code verifier} against this challenge in constant time, RFC 7636 §4.6.
   *
   * @throws PkceException with {@code invalid_grant} if it does not match
   */
  public void verify(CodeVerifier verifier) {
    verify(verifier, PkceConfig.defaults());
  }

  /**
   * As {@link #verify(CodeVerifier)}, hashing with the config's SHA-256.
   *
   * @throws PkceException with {@code invalid_grant} if it does not match
   */
  public void verify(CodeVerifier verifier, PkceConfig config) {
    if (!matches(verifier, config)) {
      throw new PkceException(PkceException.INVALID_GRANT, "code_verifier does not match the "
          + method.parameterValue() + " code_challenge; RFC 7636 section 4.6");
    }
  }

  /** Whether {@code verifier} matches, compared in constant time (RFC 7636 §4.6). */
  public boolean matches(CodeVerifier verifier) {
    return matches(verifier, PkceConfig.defaults());
  }

  /** As {@link #matches(CodeVerifier)}, hashing with the config's SHA-256. */
  public boolean matches(CodeVerifier verifier, PkceConfig config) {
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(config, "config");
    if (method == ChallengeMethod.S256) {
      return config.sha256().digestEquals(verifier.ascii(), d0, d1, d2, d3);
    }
    return ConstantTime.equals(verifier.ascii(), plain);
  }

  /** Equal when method and value are equal; challenges are public values. */
  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CodeChallenge)) {
      return false;
    }
    CodeChallenge that = (CodeChallenge) o;
    return method == that.method && value.equals(that.value);
  }

  @Override
  public int hashCode() {
    return 31 * method.hashCode() + value.hashCode();
  }

  /**
   * Returns {@code CodeChallenge[S256, <value>]}; a plain challenge is the verifier itself and
   * prints as {@code CodeChallenge[plain, redacted]}.
   */
  @Override
  public String toString() {
    return "CodeChallenge[" + method.parameterValue() + ", "
        + (method == ChallengeMethod.S256 ? value : "redacted") + "]";
  }
}
