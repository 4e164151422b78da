package io.github.pkce4j.client;

import io.github.pkce4j.internal.Json;
import io.github.pkce4j.internal.UrlEncoding;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

/** Typed, strict access to the members of a parsed JSON object; package-private helpers. */
final class JsonMembers {
  private JsonMembers() {}

  /**
   * Parses a response body as a JSON object.
   *
   * @param what names the document in error messages, e.g. "token response"
   * @throws ResponseRejectedException with {@code invalid_response} if it is not one
   */
  static Map<String, Object> parseObject(byte[] body, String what, int status, String contentType) {
    return parseObject(decode(body, what, status, contentType), what, status, contentType);
  }

  /** Decodes a body as strict UTF-8 (RFC 8259 §8.1), refusing an empty one. */
  static String decode(byte[] body, String what, int status, String contentType) {
    if (body.length == 0) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          what + " (HTTP " + status + ") has an empty body; a JSON object is required"
              + " (RFC 6749 §5.1, §5.2)");
    }
    try {
      return UrlEncoding.decodeUtf8(body, 0, body.length);
    } catch (IllegalArgumentException e) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          what + " (HTTP " + status + ", Content-Type " + (contentType == null ? "none" : contentType)
              + ") is not UTF-8 text; RFC 8259 §8.1 requires UTF-8", e);
    }
  }

  /** Parses decoded text as a JSON object. */
  static Map<String, Object> parseObject(String text, String what, int status, String contentType) {
    try {
      return Json.parseObject(text);
    } catch (IllegalArgumentException e) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          what + " (HTTP " + status + ", Content-Type " + (contentType == null ? "none" : contentType)
              + ") is not a JSON object: " + e.getMessage() + " (RFC 8259, RFC 6749 §5.1)", e);
    }
  }

  static String stringOrNull(Map<String, Object> members, String name, String what) {
    Object value = members.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String)) {
      throw mistyped(name, "a string", what);
    }
    return (String) value;
  }

  static String requiredString(Map<String, Object> members, String name, String what,
      String section) {
    String value = stringOrNull(members, name, what);
    if (value == null || value.isEmpty()) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          what + " has no " + name + "; " + section + " requires it");
    }
    return value;
  }

  static Boolean booleanOrNull(Map<String, Object> members, String name, String what) {
    Object value = members.get(name);
    if (value != null && !(value instanceof Boolean)) {
      throw mistyped(name, "true or false", what);
    }
    return (Boolean) value;
  }

  @SuppressWarnings("unchecked")
  static List<String> stringListOrNull(Map<String, Object> members, String name, String what) {
    Object value = members.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof List)) {
      throw mistyped(name, "an array of strings", what);
    }
    for (Object element : (List<Object>) value) {
      if (!(element instanceof String)) {
        throw mistyped(name, "an array of strings", what);
      }
    }
    return (List<String>) value;
  }

  static ResponseRejectedException mistyped(String name, String expected, String what) {
    return new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
        what + " member " + name + " is not " + expected);
  }

  /**
   * Checks that {@code url} is absolute, has no fragment, and uses https, or http on a loopback
   * host (RFC 8252 §8.3 loopback addresses, for local servers and tests).
   *
   * @throws IllegalArgumentException naming the rule broken
   */
  static URI checkEndpointUrl(String name, String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name + " is not a valid URI (RFC 3986): "
          + e.getReason());
    }
    if (!uri.isAbsolute() || uri.getHost() == null) {
      throw new IllegalArgumentException(name + " is not an absolute URL with a host");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException(name + " has a fragment; RFC 6749 §3.1 and §3.2 forbid"
          + " one");
    }
    String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (scheme.equals("https")) {
      return uri;
    }
    if (scheme.equals("http") && isLoopback(uri.getHost())) {
      return uri;
    }
    throw new IllegalArgumentException(name + " uses " + scheme + "; it must use https (RFC 6749"
        + " §3.1, §3.2; RFC 8414 §2), or http only on a loopback address");
  }

  static boolean isLoopback(String host) {
    String h = host.toLowerCase(java.util.Locale.ROOT);
    return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.startsWith("127.");
  }
}
