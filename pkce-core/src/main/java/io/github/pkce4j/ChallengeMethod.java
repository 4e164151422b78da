package io.github.pkce4j;

import java.util.Objects;

/**
 * A {@code code_challenge_method} (RFC 7636 §4.2, §4.3).
 *
 * <p>Security: use {@link #S256}. {@link #PLAIN} sends the verifier itself through the browser,
 * so anyone who sees the authorization request can redeem an intercepted code; RFC 9700 §2.1.1
 * says clients SHOULD use S256. pkce4j accepts plain only where it is asked for by name.
 *
 * @since 0.1.0
 */
public enum ChallengeMethod {
  /** {@code BASE64URL-ENCODE(SHA256(ASCII(code_verifier)))}, RFC 7636 §4.2. */
  S256("S256"),
  /** {@code code_challenge = code_verifier}, RFC 7636 §4.2; insecure against a reader of the request. */
  PLAIN("plain");

  private final String parameterValue;

  ChallengeMethod(String parameterValue) {
    this.parameterValue = parameterValue;
  }

  /** The exact {@code code_challenge_method} value: {@code S256} or {@code plain}. */
  public String parameterValue() {
    return parameterValue;
  }

  /**
   * Parses a {@code code_challenge_method} value, case-sensitively as RFC 7636 §4.3 defines it.
   *
   * @throws PkceException with {@code invalid_request} for any other value
   */
  public static ChallengeMethod parse(String value) {
    Objects.requireNonNull(value, "value");
    for (ChallengeMethod method : values()) {
      if (method.parameterValue.equals(value)) {
        return method;
      }
    }
    throw new PkceException(PkceException.INVALID_REQUEST, "code_challenge_method is not S256 or"
        + " plain; RFC 7636 section 4.3 defines only these two (case-sensitive)");
  }

  @Override
  public String toString() {
    return parameterValue;
  }
}
