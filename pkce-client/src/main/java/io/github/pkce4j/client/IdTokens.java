package io.github.pkce4j.client;

import io.github.pkce4j.client.internal.Json;
import io.github.pkce4j.client.internal.UrlEncoding;
import io.github.pkce4j.internal.Base64Url;
import io.github.pkce4j.internal.ConstantTime;
import io.github.pkce4j.internal.PrintableText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Checks the claims of an ID token received from the token endpoint (OpenID Connect Core 1.0
 * section 3.1.3.7), without its signature (item 6; see {@link IdTokenClaims}).
 */
final class IdTokens {
  /** Longest ID token read, in characters: far above real ones (a few KiB). */
  static final int MAX_CHARS = 64 * 1024;
  /** Nesting bound of the header and payload JSON. */
  private static final int MAX_DEPTH = 16;
  private static final String SECTION = "OpenID Connect Core 1.0 section 3.1.3.7";

  private final String issuer;
  private final String clientId;
  private final long skewSeconds;

  IdTokens(String issuer, String clientId, long skewSeconds) {
    this.issuer = issuer;
    this.clientId = clientId;
    this.skewSeconds = skewSeconds;
  }

  /**
   * Reads and checks {@code idToken}.
   *
   * @param expectedNonce the session's nonce, or {@code null} if none was sent (then {@code
   *     nonce} is not checked: a refresh, or a flow without nonce)
   * @param maxAgeSeconds the {@code max_age} sent, or {@code null}
   * @throws ResponseRejectedException with {@code invalid_id_token}
   */
  IdTokenClaims check(String idToken, String expectedNonce, Long maxAgeSeconds, long nowMillis) {
    Map<String, Object> claims = payload(idToken);
    long now = nowMillis / 1000L;
    String iss = requiredString(claims, "iss");
    if (!iss.equals(issuer)) {
      throw rejected("iss " + PrintableText.of(iss, 200) + " differs from the issuer " + issuer
          + " (item 2)");
    }
    String sub = requiredString(claims, "sub");
    List<String> aud = audience(claims);
    String azp = optionalString(claims, "azp");
    checkAudience(aud, azp);
    long exp = numericDate(claims, "exp");
    long iat = numericDate(claims, "iat");
    if (now >= exp + skewSeconds) {
      throw rejected("it expired at exp=" + exp + ", " + (now - exp) + " s ago (clock skew "
          + skewSeconds + " s allowed; item 9)");
    }
    if (iat > now + skewSeconds) {
      throw rejected("iat=" + iat + " is " + (iat - now) + " s in the future (clock skew "
          + skewSeconds + " s allowed; item 10)");
    }
    String nonce = optionalString(claims, "nonce");
    checkNonce(expectedNonce, nonce);
    Long authTime = claims.containsKey("auth_time") ? numericDate(claims, "auth_time") : null;
    checkMaxAge(maxAgeSeconds, authTime, now);
    return new IdTokenClaims(claims, iss, sub, aud, exp, iat, authTime, nonce, azp);
  }

  /** The payload of a JWS in compact serialization (RFC 7515 section 7.1), signature unread. */
  private static Map<String, Object> payload(String idToken) {
    if (idToken.length() > MAX_CHARS) {
      throw rejected("it has " + idToken.length() + " characters; pkce4j reads at most "
          + MAX_CHARS);
    }
    String[] parts = idToken.split("\\.", -1);
    if (parts.length == 5) {
      throw rejected("it is encrypted (a JWE, RFC 7516), which pkce4j does not decrypt (item 1)");
    }
    if (parts.length != 3) {
      throw rejected("it has " + parts.length + " dot-separated parts; a JWS in compact"
          + " serialization has 3 (RFC 7515 section 7.1)");
    }
    Map<String, Object> header = jsonPart(parts[0], "header");
    if (!(header.get("alg") instanceof String)) {
      throw rejected("its header has no alg string (RFC 7515 section 4.1.1)");
    }
    if (header.containsKey("enc")) {
      throw rejected("its header has enc: it is encrypted (RFC 7516), which pkce4j does not"
          + " decrypt (item 1)");
    }
    if (Base64Url.decodeOrNull(parts[2]) == null) {
      throw rejected("its signature part is not base64url (RFC 7515 section 7.1)");
    }
    return jsonPart(parts[1], "payload");
  }

  private static Map<String, Object> jsonPart(String part, String name) {
    byte[] bytes = Base64Url.decodeOrNull(part);
    if (bytes == null || bytes.length == 0) {
      throw rejected("its " + name + " is not canonical unpadded base64url (RFC 7515 section 2)");
    }
    String text;
    try {
      text = UrlEncoding.decodeUtf8(bytes, 0, bytes.length);
    } catch (IllegalArgumentException e) {
      throw rejected("its " + name + " is not UTF-8 (RFC 7519 section 7.2)");
    }
    Object value;
    try {
      value = Json.parse(text, MAX_CHARS, MAX_DEPTH);
    } catch (IllegalArgumentException e) {
      throw rejected("its " + name + " is not JSON: " + e.getMessage() + " (RFC 7519 section"
          + " 7.2)");
    }
    if (!(value instanceof Map)) {
      throw rejected("its " + name + " is not a JSON object (RFC 7519 section 7.2)");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> members = (Map<String, Object>) value;
    return members;
  }

  @SuppressWarnings("unchecked")
  private static List<String> audience(Map<String, Object> claims) {
    Object aud = claims.get("aud");
    if (aud instanceof String) {
      return Collections.singletonList((String) aud);
    }
    if (aud instanceof List && !((List<Object>) aud).isEmpty()) {
      List<String> list = new ArrayList<String>();
      for (Object entry : (List<Object>) aud) {
        if (!(entry instanceof String)) {
          throw rejected("aud has an entry that is not a string (RFC 7519 section 4.1.3)");
        }
        list.add((String) entry);
      }
      return Collections.unmodifiableList(list);
    }
    throw rejected("aud is " + (aud == null ? "missing" : "not a string or a non-empty array of"
        + " strings") + "; OpenID Connect Core 1.0 section 2 requires it");
  }

  private void checkAudience(List<String> aud, String azp) {
    if (!aud.contains(clientId)) {
      throw rejected("its aud does not contain this client's id " + clientId + " (item 3)");
    }
    if (aud.size() > 1 && azp == null) {
      throw rejected("it has " + aud.size() + " audiences and no azp (item 4)");
    }
    if (azp != null && !azp.equals(clientId)) {
      throw rejected("its azp is not this client's id " + clientId + " (item 5)");
    }
  }

  private static void checkNonce(String expected, String nonce) {
    if (expected == null) {
      return;
    }
    if (nonce == null) {
      throw rejected("it has no nonce, although this session sent one (item 11)");
    }
    if (!ConstantTime.equals(nonce, expected)) {
      throw rejected("its nonce differs from the one this session sent (item 11; a replayed or"
          + " injected ID token)");
    }
  }

  private void checkMaxAge(Long maxAgeSeconds, Long authTime, long now) {
    if (maxAgeSeconds == null) {
      return;
    }
    if (authTime == null) {
      throw rejected("it has no auth_time, although max_age was sent (item 13)");
    }
    if (now > authTime + maxAgeSeconds + skewSeconds) {
      throw rejected("the user authenticated " + (now - authTime) + " s ago, more than max_age="
          + maxAgeSeconds + " (clock skew " + skewSeconds + " s allowed; item 13)");
    }
  }

  private static String requiredString(Map<String, Object> claims, String name) {
    String value = optionalString(claims, name);
    if (value == null || value.isEmpty()) {
      throw rejected("it has no " + name + "; OpenID Connect Core 1.0 section 2 requires it");
    }
    return value;
  }

  private static String optionalString(Map<String, Object> claims, String name) {
    Object value = claims.get(name);
    if (value != null && !(value instanceof String)) {
      throw rejected(name + " is not a string (OpenID Connect Core 1.0 section 2)");
    }
    return (String) value;
  }

  /** A NumericDate (RFC 7519 section 2): non-negative seconds, fractions dropped. */
  private static long numericDate(Map<String, Object> claims, String name) {
    Object value = claims.get(name);
    if (value instanceof Long && (Long) value >= 0) {
      return (Long) value;
    }
    if (value instanceof BigDecimal && ((BigDecimal) value).signum() >= 0
        && ((BigDecimal) value).compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0) {
      return ((BigDecimal) value).longValue();
    }
    throw rejected(name + " is " + (value == null ? "missing" : "not a non-negative number")
        + "; OpenID Connect Core 1.0 section 2 requires a NumericDate (RFC 7519 section 2)");
  }

  private static ResponseRejectedException rejected(String problem) {
    return new ResponseRejectedException(ResponseRejectedException.INVALID_ID_TOKEN,
        "ID token refused: " + problem + "; " + SECTION + ". No tokens are returned");
  }
}
