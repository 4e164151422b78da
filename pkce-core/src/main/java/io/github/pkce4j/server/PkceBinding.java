package io.github.pkce4j.server;

import io.github.pkce4j.ChallengeMethod;
import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.PkceException;
import java.util.Objects;

/**
 * What an authorization server stores beside an authorization code: the code's PKCE challenge,
 * or the fact that it has none.
 *
 * <p>{@link #serialize()} gives a compact string ({@code S256:<challenge>}, {@code plain:<challenge>}
 * or {@code none}) and {@link #parse(String)} reads it back, so a binding fits in the same row or
 * cache entry as the code.
 *
 * <p>Security: a plain binding holds the verifier itself; store bindings as carefully as the
 * codes they belong to. A server whose codes are stateless (the binding travels inside the code)
 * must encrypt and authenticate the code, RFC 7636 §4.4; a binding is not signed.
 * {@link PkceServerRules#validateTokenRequest} refuses a {@code plain} binding when its rules
 * refuse plain, whatever the store holds.
 *
 * @since 0.1.0
 */
public final class PkceBinding {
  private static final String NONE = "none";
  private static final PkceBinding NO_CHALLENGE = new PkceBinding(null);

  private final CodeChallenge challenge; // null: the code was issued without PKCE

  private PkceBinding(CodeChallenge challenge) {
    this.challenge = challenge;
  }

  /** A binding for a code issued without a {@code code_challenge}. */
  public static PkceBinding none() {
    return NO_CHALLENGE;
  }

  /** A binding for a code issued with {@code challenge}. */
  public static PkceBinding of(CodeChallenge challenge) {
    return new PkceBinding(Objects.requireNonNull(challenge, "challenge"));
  }

  /**
   * Reads a string made by {@link #serialize()}.
   *
   * @throws IllegalArgumentException if it is not one; the message never repeats the input
   */
  public static PkceBinding parse(String serialized) {
    Objects.requireNonNull(serialized, "serialized");
    if (NONE.equals(serialized)) {
      return NO_CHALLENGE;
    }
    int colon = serialized.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("not a serialized PkceBinding: expected 'none',"
          + " 'S256:<challenge>' or 'plain:<challenge>'");
    }
    ChallengeMethod method;
    CodeChallenge challenge;
    try {
      method = ChallengeMethod.parse(serialized.substring(0, colon));
      challenge = CodeChallenge.parse(serialized.substring(colon + 1), method);
    } catch (PkceException e) {
      throw new IllegalArgumentException("not a serialized PkceBinding: " + e.description(), e);
    }
    return new PkceBinding(challenge);
  }

  /** Whether the code was issued with a {@code code_challenge}. */
  public boolean hasChallenge() {
    return challenge != null;
  }

  /**
   * The bound challenge.
   *
   * @throws IllegalStateException if the code was issued without one; check {@link #hasChallenge()}
   */
  public CodeChallenge challenge() {
    if (challenge == null) {
      throw new IllegalStateException("this code was issued without a code_challenge");
    }
    return challenge;
  }

  /** The compact form: {@code none}, {@code S256:<challenge>} or {@code plain:<challenge>}. */
  public String serialize() {
    return challenge == null
        ? NONE
        : challenge.method().parameterValue() + ":" + challenge.value();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof PkceBinding)) {
      return false;
    }
    PkceBinding that = (PkceBinding) o;
    return challenge == null ? that.challenge == null : challenge.equals(that.challenge);
  }

  @Override
  public int hashCode() {
    return challenge == null ? 0 : challenge.hashCode();
  }

  /** {@code PkceBinding[none]} or the challenge's own redacting {@code toString()}. */
  @Override
  public String toString() {
    return "PkceBinding[" + (challenge == null ? NONE : challenge.toString()) + "]";
  }
}
