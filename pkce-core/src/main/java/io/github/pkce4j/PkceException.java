package io.github.pkce4j;

import java.util.Objects;

/**
 * A PKCE rule was broken: a malformed verifier or challenge, a verifier that does not match, or a
 * request the authorization-server rules refuse. Carries the OAuth error code (RFC 6749 §4.1.2.1,
 * §5.2) that a server should answer with, and a description that never contains a secret.
 *
 * @since 0.1.0
 */
public class PkceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** RFC 6749 §5.2: the request is missing a parameter, repeats one, or is malformed. */
  public static final String INVALID_REQUEST = "invalid_request";

  /** RFC 6749 §5.2 and RFC 7636 §4.6: the grant (here, the code and its verifier) is invalid. */
  public static final String INVALID_GRANT = "invalid_grant";

  private final String errorCode;
  private final String description;

  /**
   * Creates an exception.
   *
   * @param errorCode the OAuth error code, e.g. {@link #INVALID_GRANT}
   * @param description what rule was broken, citing the spec; must not contain a secret
   */
  public PkceException(String errorCode, String description) {
    this(errorCode, description, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param errorCode the OAuth error code, e.g. {@link #INVALID_REQUEST}
   * @param description what rule was broken, citing the spec; must not contain a secret
   * @param cause the underlying failure, or {@code null}
   */
  public PkceException(String errorCode, String description, Throwable cause) {
    super(Objects.requireNonNull(errorCode, "errorCode") + ": "
        + Objects.requireNonNull(description, "description"), cause);
    this.errorCode = errorCode;
    this.description = description;
  }

  /** The OAuth error code, suitable for an {@code error} response parameter. */
  public String errorCode() {
    return errorCode;
  }

  /**
   * The description without the error code.
   *
   * <p>Descriptions of the exceptions that pkce4j's verifier, challenge and server-rule checks
   * throw ({@code CodeVerifier}, {@code CodeChallenge}, {@code ChallengeMethod},
   * {@code PkceServerRules}) are printable ASCII within RFC 6749 §5.2's {@code error_description}
   * set, so a server may send them as {@code error_description} unchanged. Subclasses that
   * describe a server's answer to a client say what they carry.
   */
  public String description() {
    return description;
  }
}
