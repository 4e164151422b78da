package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pkce4j.client.internal.UrlEncoding;
import io.github.pkce4j.internal.PrintableText;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes {@link ServerMetadata#parse}: whatever the document, it either throws {@link
 * ResponseRejectedException} (never another exception) with a printable message, or returns
 * metadata whose issuer is the expected one and whose endpoints pass the client's URI rules, with
 * no reserved parameter in the authorization endpoint's query (RFC 6749 section 3.1), and from
 * which a flow can build an authorization URL that carries {@code state} and {@code
 * code_challenge_method} exactly once.
 *
 * <p>Input: the bytes are the document as UTF-8 (invalid UTF-8 is skipped); the expected issuer
 * is fixed. Seeds: {@code
 * src/test/resources/io/github/pkce4j/client/ServerMetadataFuzzTestInputs/parse/}; to fuzz for
 * real: {@code JAZZER_FUZZ=1 mvn -pl pkce-core,pkce-client
 * package -DskipPitest -Dsurefire.failIfNoSpecifiedTests=false -Dtest=ServerMetadataFuzzTest}.
 */
class ServerMetadataFuzzTest {
  private static final String ISSUER = "https://as.example.com";

  @FuzzTest(maxDuration = "10m")
  void parse(byte[] data) {
    String json;
    try {
      json = UrlEncoding.decodeUtf8(data, 0, data.length);
    } catch (IllegalArgumentException notUtf8) {
      return;
    }
    ServerMetadata metadata;
    try {
      metadata = ServerMetadata.parse(json, ISSUER);
    } catch (ResponseRejectedException refused) {
      assertTrue(PrintableText.isPrintable(refused.getMessage()), refused.getMessage());
      return;
    }
    assertEquals(ISSUER, metadata.issuer());
    UriRules.endpoint("authorization_endpoint", metadata.authorizationEndpoint());
    UriRules.endpoint("token_endpoint", metadata.tokenEndpoint());
    PkceLoginFlow flow;
    try {
      flow = PkceLoginFlow.builder(metadata, "c").build();
    } catch (IllegalStateException noS256) {
      assertFalse(metadata.codeChallengeMethodsSupportedOrNull().contains("S256"));
      return;
    }
    AuthorizationSession session = flow.newSession("http://127.0.0.1:4711/cb");
    String url = flow.authorizationUrl(session);
    Map<String, List<String>> params =
        UrlEncoding.decodeQuery(url.substring(url.indexOf('?') + 1));
    for (String name : PkceLoginFlow.RESERVED_PARAMETERS) {
      List<String> values = params.get(name);
      assertTrue(values == null || values.size() == 1, name + " sent more than once");
    }
    assertEquals(session.state(), params.get("state").get(0));
    assertEquals("S256", params.get("code_challenge_method").get(0));
  }
}
