package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pkce4j.client.internal.UrlEncoding;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes {@link PkceLoginFlow#parseRedirect}: whatever arrives at the redirect URI, it returns a
 * code only if the query carried this session's state exactly once, and otherwise throws {@link
 * ResponseRejectedException} or {@link OAuthErrorException} (never another exception).
 *
 * <p>Input layout: if the first byte is odd, the session's correct {@code state=...&} is put in
 * front of the rest, so the fuzzer also explores what happens after the state check. Seeds live
 * in {@code src/test/resources/io/github/pkce4j/client/RedirectFuzzTestInputs/parseRedirect/}
 * and run in every build; to fuzz for real: {@code JAZZER_FUZZ=1 mvn -pl pkce-core,pkce-client
 * package -DskipPitest -Dsurefire.failIfNoSpecifiedTests=false -Dtest=RedirectFuzzTest}.
 */
class RedirectFuzzTest {
  /** A fixed session, so that findings replay identically. */
  static final String SESSION_SAVED =
      "pkce4j-session-v1.ZEJqZnRDM1Z4bURHM0ZvS3NZcnNmc1p4U05ZaE50WG5YbHRRZjZKZzJQQQ"
          + ".c3RhdGUtc3RhdGUtc3RhdGUtc3RhdGUtc3RhdGUtc3RhdGUtc3RhdGUtcw."
          + ".aHR0cDovLzEyNy4wLjAuMTo0NzExL2Ni.aHR0cHM6Ly9hcy5leGFtcGxlLmNvbQ";
  private static final AuthorizationSession SESSION = AuthorizationSession.parse(SESSION_SAVED);
  private static final PkceLoginFlow FLOW = PkceLoginFlow.builder(
      ServerMetadata.builder("https://as.example.com")
          .authorizationEndpoint("https://as.example.com/a")
          .tokenEndpoint("https://as.example.com/t").build(), "c").build();

  @FuzzTest(maxDuration = "5m")
  void parseRedirect(byte[] data) {
    if (data.length == 0) {
      return;
    }
    String rest = new String(data, 1, data.length - 1, UrlEncoding.UTF_8);
    String query = (data[0] & 1) == 1 ? "state=" + SESSION.state() + "&" + rest : rest;
    String url = SESSION.redirectUri() + "?" + query;
    AuthorizationResponse response;
    try {
      response = FLOW.parseRedirect(SESSION, url);
    } catch (ResponseRejectedException | OAuthErrorException refused) {
      return;
    }
    String beforeFragment = query.indexOf('#') < 0 ? query : query.substring(0, query.indexOf('#'));
    Map<String, List<String>> params = UrlEncoding.decodeQuery(beforeFragment);
    assertEquals(1, params.get("state").size());
    assertEquals(SESSION.state(), params.get("state").get(0));
    assertEquals(1, params.get("code").size());
    assertEquals(params.get("code").get(0), response.code());
    assertTrue(!params.containsKey("error"));
  }
}
