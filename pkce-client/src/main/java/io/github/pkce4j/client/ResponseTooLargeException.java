package io.github.pkce4j.client;

import java.io.IOException;

/**
 * A response body was larger than {@link TransportRequest#maxResponseBytes()}; the transport
 * stopped reading it. Token responses and metadata documents are a few kilobytes, so this means a
 * misconfigured endpoint or a hostile server.
 *
 * @since 0.1.0
 */
public final class ResponseTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long limit;

  /**
   * Creates an exception.
   *
   * @param url the URL that answered (no query string is ever a secret here: the token request
   *     sends its parameters in the body)
   * @param limit the bound that was exceeded, in bytes
   */
  public ResponseTooLargeException(String url, long limit) {
    super("response body from " + url + " is larger than " + limit + " bytes"
        + " (TransportRequest.maxResponseBytes); refusing to read more");
    this.limit = limit;
  }

  /** The bound that was exceeded, in bytes. */
  public long limit() {
    return limit;
  }
}
