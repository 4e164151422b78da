package io.github.pkce4j.client;

import io.github.pkce4j.client.internal.UrlEncoding;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request for an {@link HttpTransport}: a GET, or a POST with an {@code
 * application/x-www-form-urlencoded} body. Immutable.
 *
 * <p>Security: a token request's body carries the {@code code_verifier} and perhaps the client
 * secret, and its {@code Authorization} header may carry the secret; {@link #toString()} prints
 * neither. Adapters must not log them either.
 *
 * @since 0.1.0
 */
public final class TransportRequest {
  /** Default bound on the response body: 256 KiB, far above any token response or metadata. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

  /** The {@code Content-Type} of every POST body. */
  public static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

  private final String method;
  private final String url;
  private final Map<String, String> headers;
  private final byte[] body;
  private final int maxResponseBytes;

  private TransportRequest(String method, String url, Map<String, String> headers, byte[] body,
      int maxResponseBytes) {
    this.method = method;
    this.url = url;
    this.headers = headers;
    this.body = body;
    this.maxResponseBytes = maxResponseBytes;
  }

  /** A GET of {@code url} that accepts JSON. */
  public static TransportRequest get(String url) {
    Objects.requireNonNull(url, "url");
    Map<String, String> headers = new LinkedHashMap<String, String>();
    headers.put("Accept", "application/json");
    return new TransportRequest("GET", url, Collections.unmodifiableMap(headers), null,
        DEFAULT_MAX_RESPONSE_BYTES);
  }

  /**
   * A POST of {@code form} to {@code url}, form-encoded in iteration order (RFC 6749 Appendix B),
   * accepting JSON.
   */
  public static TransportRequest postForm(String url, Map<String, String> form) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(form, "form");
    StringBuilder body = new StringBuilder();
    for (Map.Entry<String, String> e : form.entrySet()) {
      if (body.length() > 0) {
        body.append('&');
      }
      body.append(UrlEncoding.encodeForm(e.getKey())).append('=')
          .append(UrlEncoding.encodeForm(Objects.requireNonNull(e.getValue(), e.getKey())));
    }
    Map<String, String> headers = new LinkedHashMap<String, String>();
    headers.put("Accept", "application/json");
    headers.put("Content-Type", FORM_CONTENT_TYPE);
    return new TransportRequest("POST", url, Collections.unmodifiableMap(headers),
        UrlEncoding.utf8(body.toString()), DEFAULT_MAX_RESPONSE_BYTES);
  }

  /** A copy with header {@code name} set to {@code value}, replacing one of the same name. */
  public TransportRequest withHeader(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == ':') {
        throw new IllegalArgumentException("header name has a character not allowed by RFC 9110"
            + " §5.1 at index " + i);
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < ' ' && c != '\t') || c >= 0x7f) {
        throw new IllegalArgumentException("header " + name + " has a control or non-ASCII"
            + " character at index " + i + " (RFC 9110 §5.5)");
      }
    }
    Map<String, String> copy = new LinkedHashMap<String, String>();
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (!e.getKey().equalsIgnoreCase(name)) {
        copy.put(e.getKey(), e.getValue());
      }
    }
    copy.put(name, value);
    return new TransportRequest(method, url, Collections.unmodifiableMap(copy), body,
        maxResponseBytes);
  }

  /** A copy that accepts at most {@code maxResponseBytes} bytes of response body. */
  public TransportRequest withMaxResponseBytes(int maxResponseBytes) {
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException("maxResponseBytes is " + maxResponseBytes
          + "; it must be positive");
    }
    return new TransportRequest(method, url, headers, body, maxResponseBytes);
  }

  /** {@code GET} or {@code POST}. */
  public String method() {
    return method;
  }

  /** The absolute URL. */
  public String url() {
    return url;
  }

  /** The headers to send, in order; includes {@code Content-Type} for a POST. Unmodifiable. */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * A copy of the form-encoded body, or {@code null} for a GET.
   *
   * <p>Security: may contain the {@code code_verifier} and a client secret.
   */
  public byte[] bodyOrNull() {
    return body == null ? null : body.clone();
  }

  /** The most response-body bytes the transport may read. */
  public int maxResponseBytes() {
    return maxResponseBytes;
  }

  /** Method, URL and header names; no header values and no body, which may carry secrets. */
  @Override
  public String toString() {
    return "TransportRequest[" + method + " " + url + ", headers=" + headers.keySet()
        + (body == null ? "" : ", body=" + body.length + " bytes") + "]";
  }
}
