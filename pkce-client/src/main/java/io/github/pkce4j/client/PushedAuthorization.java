package io.github.pkce4j.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pushed authorization request the server accepted (RFC 9126 section 2.2): its {@code
 * request_uri} and when that expires. Made by {@link PkceLoginFlow#pushedAuthorizationResponse}
 * and kept by its {@link AuthorizationSession}, so {@link PkceLoginFlow#authorizationUrl} can
 * build the URL that carries only {@code client_id} and {@code request_uri} (section 4).
 *
 * <p>A {@code request_uri} is single-use and short-lived: the server should refuse it a second
 * time (section 4) and after {@code expires_in} seconds (section 2.2). So the flow builds one
 * authorization URL from it, and refuses a stale one: when {@link #isExpired} is true, start a
 * new session and push again. Thread-safe.
 *
 * <p>Security: the {@code request_uri} stands for the whole request until it is used; {@link
 * #toString()} does not print it.
 *
 * @since 0.1.0
 */
public final class PushedAuthorization {
  /** Longest {@code request_uri} accepted: far above the URNs servers issue. */
  static final int MAX_REQUEST_URI_CHARS = 2048;
  /** Longest {@code expires_in} accepted: a day (servers issue 60 to 600 seconds). */
  static final long MAX_EXPIRES_IN_SECONDS = 86400;

  private final String requestUri;
  private final long expiresInSeconds;
  private final long receivedAtMillis;
  private final AtomicBoolean used = new AtomicBoolean();

  PushedAuthorization(String requestUri, long expiresInSeconds, long receivedAtMillis) {
    this.requestUri = requestUri;
    this.expiresInSeconds = expiresInSeconds;
    this.receivedAtMillis = receivedAtMillis;
  }

  /**
   * Reads the members of a 201 answer (RFC 9126 section 2.2): {@code request_uri}, an absolute URI
   * of printable ASCII, and {@code expires_in}, a positive integer; both required.
   */
  static PushedAuthorization read(Map<String, Object> members, long receivedAtMillis) {
    String what = "pushed authorization response";
    String requestUri =
        JsonMembers.requiredString(members, "request_uri", what, "RFC 9126 section 2.2");
    if (requestUri.length() > MAX_REQUEST_URI_CHARS || !isAbsoluteUri(requestUri)) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          what + " member request_uri is not an absolute URI of at most "
              + MAX_REQUEST_URI_CHARS + " printable ASCII characters (RFC 9126 section 2.2,"
              + " RFC 3986 section 4.3)");
    }
    Object expiresIn = members.get("expires_in");
    if (!(expiresIn instanceof Long) || (Long) expiresIn <= 0
        || (Long) expiresIn > MAX_EXPIRES_IN_SECONDS) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          what + " member expires_in is " + (expiresIn == null ? "missing" : "not a positive"
              + " integer of at most " + MAX_EXPIRES_IN_SECONDS + " seconds")
              + "; RFC 9126 section 2.2 requires the request URI's lifetime as a positive"
              + " integer");
    }
    return new PushedAuthorization(requestUri, (Long) expiresIn, receivedAtMillis);
  }

  private static boolean isAbsoluteUri(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    try {
      return new URI(value).isAbsolute();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** The {@code request_uri}, e.g. {@code urn:ietf:params:oauth:request_uri:6esc_11ACC5bwc}. */
  public String requestUri() {
    return requestUri;
  }

  /** The {@code expires_in}: the request URI's lifetime in seconds (a positive integer). */
  public long expiresInSeconds() {
    return expiresInSeconds;
  }

  /**
   * When the request URI expires, in milliseconds since the epoch: the time the answer was read
   * plus {@code expires_in}.
   */
  public long expiresAtMillis() {
    return receivedAtMillis + expiresInSeconds * 1000L;
  }

  /** Whether the request URI has expired at {@code nowMillis} (milliseconds since the epoch). */
  public boolean isExpired(long nowMillis) {
    return nowMillis >= expiresAtMillis();
  }

  /** Whether an authorization URL has been built from it: it is single-use (RFC 9126 section 4). */
  public boolean used() {
    return used.get();
  }

  /**
   * Marks it used.
   *
   * @throws IllegalStateException if it was used already
   */
  void markUsed() {
    if (!used.compareAndSet(false, true)) {
      throw new IllegalStateException("this session's request_uri has already been put in an"
          + " authorization URL; it is single-use (RFC 9126 section 4). Start a new session and"
          + " push again");
    }
  }

  /** Lifetime and use; never the request URI. */
  @Override
  public String toString() {
    return "PushedAuthorization[expires_in=" + expiresInSeconds + ", used=" + used.get()
        + ", request_uri redacted]";
  }
}
