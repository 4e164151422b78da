package io.github.pkce4j.client;

import io.github.pkce4j.client.internal.Json;
import io.github.pkce4j.client.internal.UrlEncoding;
import io.github.pkce4j.internal.PrintableText;
import java.util.List;
import java.util.Locale;
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
          what + " (HTTP " + status + ", Content-Type " + printableContentType(contentType)
              + ") is not UTF-8 text; RFC 8259 §8.1 requires UTF-8", e);
    }
  }

  /** Parses decoded text as a JSON object. */
  static Map<String, Object> parseObject(String text, String what, int status, String contentType) {
    try {
      return Json.parseObject(text);
    } catch (IllegalArgumentException e) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          what + " (HTTP " + status + ", Content-Type " + printableContentType(contentType)
              + ") is not a JSON object: " + e.getMessage() + " (RFC 8259, RFC 6749 §5.1)", e);
    }
  }

  /** A Content-Type header for a message: {@code none}, or the value made printable. */
  static String printableContentType(String contentType) {
    return contentType == null ? "none" : PrintableText.of(contentType, 100);
  }

  /**
   * Refuses a declared media type that is not JSON: {@code application/json} (RFC 6749 section
   * 5.1, RFC 8414 section 3.2), with or without parameters such as {@code charset}, or a
   * structured {@code application/...+json} type (RFC 6839 section 3.1). A missing Content-Type
   * is let through to the strict JSON parse.
   *
   * @throws ResponseRejectedException with {@code invalid_response} for e.g. {@code text/html}
   */
  static void checkJsonMediaType(String what, int status, String contentType) {
    if (contentType == null) {
      return;
    }
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
        .toLowerCase(Locale.ROOT);
    int slash = type.indexOf('/');
    boolean json = type.equals("application/json") || slash > 0
        && type.substring(0, slash).equals("application") && type.endsWith("+json")
        && type.length() > slash + 1 + "+json".length();
    if (!json) {
      throw new ResponseRejectedException(ResponseRejectedException.INVALID_RESPONSE,
          what + " (HTTP " + status + ") has Content-Type " + printableContentType(contentType)
              + "; RFC 6749 §5.1 requires application/json");
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
}
