package io.github.pkce4j.client;

import io.github.pkce4j.PkceException;

/**
 * The authorization server answered with an OAuth error: in the redirect (RFC 6749 §4.1.2.1) or
 * from the token endpoint (RFC 6749 §5.2). {@link #errorCode()} is the server's {@code error},
 * e.g. {@code access_denied} or {@code invalid_grant}.
 *
 * <p>The description and URI come from the server and are untrusted text; show them, but do not
 * render them as HTML. Start a new {@link AuthorizationSession} before trying again.
 *
 * @since 0.1.0
 */
public final class OAuthErrorException extends PkceException {
  private static final long serialVersionUID = 1L;

  private final String errorDescription;
  private final String errorUri;
  private final int httpStatus;

  OAuthErrorException(String error, String errorDescription, String errorUri, int httpStatus) {
    super(error, describe(error, errorDescription, httpStatus));
    this.errorDescription = errorDescription;
    this.errorUri = errorUri;
    this.httpStatus = httpStatus;
  }

  private static String describe(String error, String description, int httpStatus) {
    String where = httpStatus == 0
        ? "the authorization server redirected with error " + error + " (RFC 6749 §4.1.2.1)"
        : "the token endpoint answered HTTP " + httpStatus + " with error " + error
            + " (RFC 6749 §5.2)";
    return description == null ? where : where + ": " + description;
  }

  /** The server's {@code error_description}, or {@code null}. */
  public String errorDescriptionOrNull() {
    return errorDescription;
  }

  /** The server's {@code error_uri}, or {@code null}. */
  public String errorUriOrNull() {
    return errorUri;
  }

  /** The token endpoint's HTTP status, or 0 if the error came in the authorization redirect. */
  public int httpStatus() {
    return httpStatus;
  }
}
