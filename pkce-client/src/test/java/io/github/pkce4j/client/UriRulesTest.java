package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.internal.PrintableText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The client's one set of URI rules ({@link UriRules}), as a table: for each URI, whether it is
 * accepted as an endpoint or issuer, and as a redirect URI. https always; http only on a loopback
 * IP literal (127.0.0.0/8 as four decimal octets, or [::1]); {@code localhost} for redirect URIs
 * only (RFC 8252 section 8.3); anything that merely starts like a loopback address is remote
 * (security review finding 7). Each row is also checked through the public entry points that use
 * the rules: {@link ServerMetadata#builder}, the builder's endpoints, {@link
 * PkceLoginFlow#newSession(String)} and {@link AuthorizationSession#restore}.
 */
class UriRulesTest {
  @ParameterizedTest(name = "{0}: endpoint {1}, redirect {2}")
  @CsvSource({
      // url,                                   endpoint/issuer, redirect
      "https://as.example.com,                  true,  true",
      "https://as.example.com/tenant/x,         true,  true",
      "HTTPS://AS.EXAMPLE.COM,                  true,  true",
      "https://127.attacker.example,            true,  true",
      "http://127.0.0.1,                        true,  true",
      "http://127.0.0.1:8080/token,             true,  true",
      "http://127.255.255.254/x,                true,  true",
      "http://127.1.2.3:1/,                     true,  true",
      "http://[::1]:4711/cb,                    true,  true",
      "http://localhost:4711/cb,                false, true",
      "http://LOCALHOST/cb,                     false, true",
      "http://127.attacker.example/token,       false, false",
      "http://127.0.0.1.evil/token,             false, false",
      "http://127.0.0.1.nip.io/token,           false, false",
      "http://0177.0.0.1/token,                 false, false",
      "http://127.000.0.1/token,                false, false",
      "http://127.1/token,                      false, false",
      "http://127.0.1/token,                    false, false",
      "http://127.0.0.256/token,                false, false",
      "http://127.0.0.1./token,                 false, false",
      "http://2130706433/token,                 false, false",
      "http://0x7f.0.0.1/token,                 false, false",
      "http://128.0.0.1/token,                  false, false",
      "http://10.0.0.1/token,                   false, false",
      "http://[::ffff:127.0.0.1]/token,         false, false",
      "http://[0:0:0:0:0:0:0:1]/token,          false, false",
      "http://localhost.attacker.example/cb,    false, false",
      "http://as.example.com/token,             false, false",
      "http://127.0.0.1@evil.example/token,     false, false",
      "https://as.example.com@evil.example/t,   false, false",
      "http://evil.example@127.0.0.1/token,     false, false",
      "https://user:pw@as.example.com/token,    false, false",
      "https://as.example.com/t#fragment,       false, false",
      "/relative/path,                          false, false",
      "javascript:alert(1),                     false, false",
      "data:text/html;base64;PHNjcmlwdD4,       false, false",
      "ftp://as.example.com/token,              false, false",
      "myapp:/cb,                               false, false",
      "com.example.app:/cb?x=1,                 false, true",
      "com.example.app:/oauth2redirect,         false, true",
      "https:/no-host,                          false, false",
  })
  void uriRules_table(String url, boolean endpoint, boolean redirect) {
    assertEquals(endpoint, accepts(() -> UriRules.endpoint("token_endpoint", url)), "endpoint");
    assertEquals(endpoint, accepts(() -> ServerMetadata.builder("https://as.example.com")
        .tokenEndpoint(url)), "ServerMetadata.Builder.tokenEndpoint");
    assertEquals(endpoint, accepts(() -> ServerMetadata.builder(url)), "issuer");
    assertEquals(redirect, accepts(() -> UriRules.redirectUri(url)), "redirect");
    assertEquals(redirect, accepts(() -> Fixtures.flow().newSession(url)), "newSession");
    assertEquals(redirect, accepts(() -> AuthorizationSession.parse(
        withRedirectUri(Fixtures.flow().newSession(Fixtures.REDIRECT).serialize(), url))),
        "restore");
  }

  @ParameterizedTest
  @CsvSource({"'http://127.0.0.1/a\u001b[2Jb'", "'https://as.example.com/\u202eexe.txt'",
      "'https://as.example.com/a b'", "'https://as.example.com/\u0085'"})
  void uriRules_controlCharacters_refusedWithoutQuotingThem(String url) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> UriRules.endpoint("token_endpoint", url));
    assertTrue(PrintableText.isPrintable(e.getMessage()), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> UriRules.redirectUri(url));
  }

  @ParameterizedTest
  @CsvSource({"http://127.attacker.example", "http://localhost:8080"})
  void uriRules_issuerDiscovery_refusesCleartextToAName(String issuer) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ServerMetadata.discoveryUrls(issuer));
    assertTrue(e.getMessage().contains("loopback IP literal"), e.getMessage());
  }

  /** Replaces the redirect URI field of a saved session. */
  static String withRedirectUri(String saved, String redirectUri) {
    String[] f = saved.split("\\.", -1);
    f[4] = io.github.pkce4j.internal.Base64Url.encode(
        io.github.pkce4j.client.internal.UrlEncoding.utf8(redirectUri));
    return String.join(".", f);
  }

  private static boolean accepts(Runnable action) {
    try {
      action.run();
      return true;
    } catch (IllegalArgumentException refused) {
      return false;
    }
  }
}
