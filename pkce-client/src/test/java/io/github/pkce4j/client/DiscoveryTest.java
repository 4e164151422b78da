package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerMetadata#discover} on an in-memory transport: OpenID Connect Discovery section 4
 * first, then RFC 8414 section 3, and the issuer checked on the document found.
 */
class DiscoveryTest {
  private static final String ISSUER = "https://as.example.com/tenant";
  private final InMemoryTransport transport = new InMemoryTransport();

  private static String metadataJson(String issuer) {
    return "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + ISSUER + "/authorize"
        + "\",\"token_endpoint\":\"" + ISSUER + "/token\","
        + "\"code_challenge_methods_supported\":[\"S256\"],"
        + "\"authorization_response_iss_parameter_supported\":true,\"x_vendor\":{\"a\":[1,2]}}";
  }

  private static TransportResponse json(String body) {
    return Fixtures.response(200, "application/json", body);
  }

  @Test
  void discover_openIdConfiguration_isUsedAndIssuerChecked() throws IOException {
    transport.on(ISSUER + "/.well-known/openid-configuration", json(metadataJson(ISSUER)));

    ServerMetadata metadata = ServerMetadata.discover(ISSUER, transport);

    assertEquals(ISSUER, metadata.issuer());
    assertEquals(ISSUER + "/token", metadata.tokenEndpoint());
    assertTrue(metadata.authorizationResponseIssParameterSupported());
    assertEquals(Arrays.asList("S256"), metadata.codeChallengeMethodsSupportedOrNull());
    assertTrue(metadata.members().containsKey("x_vendor"));
    assertEquals(1, transport.requests().size());
    assertEquals("GET", transport.requests().get(0).method());
  }

  @Test
  void discover_openIdMissing_fallsBackToRfc8414() throws IOException {
    transport.on("https://as.example.com/.well-known/oauth-authorization-server/tenant",
        json(metadataJson(ISSUER)));

    ServerMetadata metadata = ServerMetadata.discover(ISSUER, transport);

    assertEquals(ISSUER, metadata.issuer());
    assertEquals(2, transport.requests().size());
    assertEquals(ServerMetadata.discoveryUrls(ISSUER).get(0), transport.requests().get(0).url());
    assertEquals(ServerMetadata.discoveryUrls(ISSUER).get(1), transport.requests().get(1).url());
  }

  @Test
  void discover_documentNamesAnotherIssuer_throwsIssuerMismatch() {
    transport.on(ISSUER + "/.well-known/openid-configuration",
        json(metadataJson("https://attacker.example")));

    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> ServerMetadata.discover(ISSUER, transport));

    assertEquals(ResponseRejectedException.ISSUER_MISMATCH, e.errorCode());
  }

  @Test
  void discover_nothingFound_throwsInvalidResponse() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> ServerMetadata.discover(ISSUER, transport));

    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
    assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    assertEquals(2, transport.requests().size());
  }
}
