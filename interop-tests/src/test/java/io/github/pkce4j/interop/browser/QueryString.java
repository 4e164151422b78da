package io.github.pkce4j.interop.browser;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/** Reads and rewrites {@code application/x-www-form-urlencoded} query strings in test code. */
public final class QueryString {

  private QueryString() {}

  /**
   * The parameters of {@code rawQuery} in order, decoded.
   *
   * @throws IllegalArgumentException if a parameter appears twice: OAuth responses never repeat
   *     one (RFC 6749 §3.1), so a repeat is a bug worth failing on
   */
  public static Map<String, String> parse(String rawQuery) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Collections.unmodifiableMap(parameters);
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (parameters.put(name, value) != null) {
        throw new IllegalArgumentException("Parameter " + name + " appears more than once");
      }
    }
    return Collections.unmodifiableMap(parameters);
  }

  /** {@code uri} with parameter {@code name} set to {@code value}, the others kept in order. */
  public static URI withParameter(URI uri, String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Map<String, String> parameters = new LinkedHashMap<>(parse(uri.getRawQuery()));
    parameters.put(name, value);
    return replaceQuery(uri, parameters);
  }

  /** {@code uri} without parameter {@code name}. */
  public static URI withoutParameter(URI uri, String name) {
    Map<String, String> parameters = new LinkedHashMap<>(parse(uri.getRawQuery()));
    parameters.remove(name);
    return replaceQuery(uri, parameters);
  }

  private static URI replaceQuery(URI uri, Map<String, String> parameters) {
    StringJoiner query = new StringJoiner("&");
    parameters.forEach((name, value) -> query.add(encode(name) + "=" + encode(value)));
    String base = uri.toString();
    int question = base.indexOf('?');
    if (question >= 0) {
      base = base.substring(0, question);
    }
    return URI.create(query.length() == 0 ? base : base + "?" + query);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
