package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 6749 section 5.2: {@code error_uri} is kept only as an absolute http(s) URI with a host. */
class OAuthErrorUriTest {
  private static String kept(String uri) {
    return new OAuthErrorException("invalid_grant", null, uri, 400).errorUriOrNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://as.example.com/e", "HTTPS://as.example.com/e",
      "http://as.example.com/e", "HtTp://as.example.com"})
  void errorUri_absoluteHttpOrHttpsWithHost_isKept(String uri) {
    assertEquals(uri, kept(uri));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/relative/e", "ftp://as.example.com/e", "mailto:a@example.com",
      "https:/no-host", "https://as.example.com/a b", "urn:x:y", "javascript:alert(1)"})
  void errorUri_anythingElse_isAbsent(String uri) {
    assertNull(kept(uri));
  }
}
