package io.github.pkce4j.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An HTTP response read by an {@link HttpTransport}: status, headers and the whole (bounded) body.
 * Immutable.
 *
 * @since 0.1.0
 */
public final class TransportResponse {
  private final int status;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  private TransportResponse(int status, Map<String, List<String>> headers, byte[] body) {
    this.status = status;
    this.headers = headers;
    this.body = body;
  }

  /**
   * Creates a response; adapters call this.
   *
   * @param status the HTTP status code, 100..599
   * @param headers header names (any case) to their values; copied
   * @param body the body, empty if there was none; copied
   */
  public static TransportResponse of(int status, Map<String, List<String>> headers, byte[] body) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("HTTP status " + status + " is outside 100..599"
          + " (RFC 9110 §15)");
    }
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    Map<String, List<String>> copy =
        new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() == null) {
        continue; // HttpURLConnection reports the status line under a null name
      }
      List<String> values = copy.get(e.getKey());
      if (values == null) {
        values = new ArrayList<String>();
        copy.put(e.getKey(), values);
      }
      values.addAll(e.getValue());
    }
    for (Map.Entry<String, List<String>> e : copy.entrySet()) {
      e.setValue(Collections.unmodifiableList(e.getValue()));
    }
    return new TransportResponse(status, Collections.unmodifiableMap(copy), body.clone());
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** Header names (case-insensitive lookup) to their values. Unmodifiable. */
  public Map<String, List<String>> headers() {
    return headers;
  }

  /** The first value of header {@code name} (any case), or {@code null} if absent. */
  public String headerOrNull(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** A copy of the body; empty if there was none. */
  public byte[] body() {
    return body.clone();
  }

  /** Number of body bytes. */
  public int bodyLength() {
    return body.length;
  }

  byte[] bodyNoCopy() {
    return body;
  }

  /** Status and body size; never the body, which may hold tokens. */
  @Override
  public String toString() {
    return "TransportResponse[" + status + ", " + body.length + " bytes]";
  }
}
