package io.github.pkce4j.client;

import io.github.pkce4j.PkceException;

/**
 * The authorization server answered with an OAuth error: in the redirect (RFC 6749 §4.1.2.1),
 * from the token endpoint (RFC 6749 §5.2, also for a refresh, §6), from the pushed authorization
 * request endpoint (RFC 9126 section 2.3) or from the revocation endpoint (RFC 7009 section
 * 2.2.1). {@link #errorCode()} is the server's {@code error},
 * e.g. {@code access_denied} or {@code invalid_grant}.
 *
 * <p>The description and URI come from the server and are untrusted text; show them, but do not
 * render them as HTML. Start a new {@link AuthorizationSession} before trying again.
 *
 * <p>Character set: RFC 6749 sections 4.1.2.1 and 5.2 allow only %x20-21 / %x23-5B / %x5D-7E
 * (printable ASCII without {@code "} and {@code \}) in {@code error_description} and {@code
 * error_uri}. pkce4j treats a description or URI outside that set as absent (so {@link
 * #errorDescriptionOrNull()} returns {@code null} and the message leaves it out) rather than
 * rejecting the response: the {@code error} code itself is valid and the error is terminal
 * either way (RFC 7636 section 7.2), while a control character in the text could rewrite a
 * terminal or forge a log line. An {@code error_uri} must also be an absolute http or https URI
 * (it identifies "a human-readable web page"), so {@code javascript:} URIs are dropped too.
 *
 * @since 0.1.0
 */
public final class OAuthErrorException extends PkceException {
  private static final long serialVersionUID = 1L;

  private final String errorDescription;
  private final String errorUri;
  private final int httpStatus;

  OAuthErrorException(String error, String errorDescription, String errorUri, int httpStatus) {
    this(error, errorDescription, errorUri, httpStatus, "token endpoint", "RFC 6749 §5.2");
  }

  /**
   * An error answered by {@code endpoint} (e.g. "pushed authorization request endpoint"), whose
   * error responses {@code section} defines.
   */
  OAuthErrorException(String error, String errorDescription, String errorUri, int httpStatus,
      String endpoint, String section) {
    super(error, describe(error, descriptionOrNull(errorDescription), httpStatus, endpoint,
        section));
    this.errorDescription = descriptionOrNull(errorDescription);
    this.errorUri = isWebPageUri(errorUri) ? errorUri : null;
    this.httpStatus = httpStatus;
  }

  private static String descriptionOrNull(String description) {
    return description != null && isErrorText(description) ? description : null;
  }

  /** RFC 6749 sections 4.1.2.1 and 5.2: every character is %x20-21 / %x23-5B / %x5D-7E. */
  static boolean isErrorText(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private static boolean isWebPageUri(String uri) {
    if (uri == null || uri.isEmpty() || !isErrorText(uri)) {
      return false;
    }
    try {
      java.net.URI parsed = new java.net.URI(uri);
      String scheme = parsed.getScheme();
      return parsed.getHost() != null && scheme != null
          && (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"));
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static String describe(String error, String description, int httpStatus,
      String endpoint, String section) {
    String where = httpStatus == 0
        ? "the authorization server redirected with error " + error + " (RFC 6749 §4.1.2.1)"
        : "the " + endpoint + " answered HTTP " + httpStatus + " with error " + error
            + " (" + section + ")";
    return description == null ? where : where + ": " + description;
  }

  /**
   * The server's {@code error_description}, or {@code null} if it sent none or one with
   * characters outside RFC 6749 section 5.2's set.
   */
  public String errorDescriptionOrNull() {
    return errorDescription;
  }

  /**
   * The server's {@code error_uri}, or {@code null} if it sent none, or one outside RFC 6749
   * section 5.2's set or not an absolute http or https URI.
   */
  public String errorUriOrNull() {
    return errorUri;
  }

  /**
   * The HTTP status of the endpoint that answered, or 0 if the error came in the authorization
   * redirect.
   */
  public int httpStatus() {
    return httpStatus;
  }
}
