package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8414 §2, §3 and OpenID Connect Discovery §3, §4. */
class ServerMetadataTest {
  private static final String SALESFORCE = "{\"issuer\":\"https://login.salesforce.com\","
      + "\"authorization_endpoint\":\"https://login.salesforce.com/services/oauth2/authorize\","
      + "\"token_endpoint\":\"https://login.salesforce.com/services/oauth2/token\","
      + "\"revocation_endpoint\":\"https://login.salesforce.com/services/oauth2/revoke\","
      + "\"response_types_supported\":[\"code\",\"token\",\"token id_token\"],"
      + "\"code_challenge_methods_supported\":[\"S256\",\"plain\"],"
      + "\"token_endpoint_auth_methods_supported\":[\"client_secret_post\",\"private_key_jwt\"]}";

  @Test
  void parse_salesforceDocument_keepsKnownAndUnknownMembers() {
    ServerMetadata m = ServerMetadata.parse(SALESFORCE, "https://login.salesforce.com");
    assertEquals("https://login.salesforce.com/services/oauth2/token", m.tokenEndpoint());
    assertEquals(Arrays.asList("S256", "plain"), m.codeChallengeMethodsSupportedOrNull());
    assertEquals(Arrays.asList("client_secret_post", "private_key_jwt"),
        m.tokenEndpointAuthMethodsSupportedOrNull());
    assertFalse(m.authorizationResponseIssParameterSupported());
    assertEquals("https://login.salesforce.com/services/oauth2/revoke",
        m.members().get("revocation_endpoint"));
  }

  @Test
  void parse_otherIssuer_throwsIssuerMismatch() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> ServerMetadata.parse(SALESFORCE, "https://login.salesforce.com/"));
    assertEquals(ResponseRejectedException.ISSUER_MISMATCH, e.errorCode());
  }

  /** First-use review: issuers are public, and a trailing slash is the usual cause. */
  @Test
  void issuerMismatch_messageShowsBothIssuers() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> ServerMetadata.parse(SALESFORCE, "https://login.salesforce.com/"));
    assertTrue(e.getMessage().contains("metadata issuer https://login.salesforce.com differs from"
        + " the issuer it was fetched for, https://login.salesforce.com/;"), e.getMessage());
  }

  @Test
  void issuerMismatch_hostileDocumentIssuer_isShownPrintable() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> ServerMetadata.parse("{\"issuer\":\"https://a\\u001b[2J\\u009b\"}",
            "https://a"));
    assertTrue(e.getMessage().contains("https://a\\u001b[2J\\u009b"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"authorization_endpoint\":\"https://a/x\",\"token_endpoint\":\"https://a/t\"}",
      "{\"issuer\":\"https://a\",\"token_endpoint\":\"https://a/t\"}",
      "{\"issuer\":\"https://a\",\"authorization_endpoint\":\"https://a/x\"}",
      "{\"issuer\":\"https://a\",\"authorization_endpoint\":\"http://a/x\",\"token_endpoint\":\"https://a/t\"}",
      "{\"issuer\":\"https://a\",\"authorization_endpoint\":\"https://a/x\",\"token_endpoint\":\"https://a/t#f\"}",
      "{\"issuer\":\"https://a\",\"authorization_endpoint\":\"https://a/x\",\"token_endpoint\":\"https://a/t\",\"code_challenge_methods_supported\":\"S256\"}",
      "{\"issuer\":\"https://a\",\"authorization_endpoint\":\"https://a/x\",\"token_endpoint\":\"https://a/t\",\"authorization_response_iss_parameter_supported\":\"true\"}",
  })
  void parse_malformed_throwsInvalidResponse(String json) {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> ServerMetadata.parse(json, "https://a"));
    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
  }

  @Test
  void discoveryUrls_issuerWithPath_followOidcAndRfc8414Rules() {
    assertEquals(Arrays.asList(
        "https://as.example.com/tenant/1/.well-known/openid-configuration",
        "https://as.example.com/.well-known/oauth-authorization-server/tenant/1"),
        ServerMetadata.discoveryUrls("https://as.example.com/tenant/1/"));
  }

  @Test
  void discoveryUrls_bareIssuer() {
    assertEquals(Arrays.asList("https://as.example.com:8443/.well-known/openid-configuration",
        "https://as.example.com:8443/.well-known/oauth-authorization-server"),
        ServerMetadata.discoveryUrls("https://as.example.com:8443"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://as.example.com", "https://as.example.com?x=1",
      "https://as.example.com#f", "as.example.com", "ftp://as.example.com"})
  void builder_badIssuer_throws(String issuer) {
    assertThrows(IllegalArgumentException.class, () -> ServerMetadata.builder(issuer));
  }

  @Test
  void builder_missingEndpoint_throws() {
    ServerMetadata.Builder b = ServerMetadata.builder("https://a")
        .authorizationEndpoint("https://a/x");
    assertThrows(IllegalStateException.class, b::build);
  }

  @Test
  void builder_loopbackHttp_isAllowed() {
    ServerMetadata m = ServerMetadata.builder("http://127.0.0.1:8080")
        .authorizationEndpoint("http://127.0.0.1:8080/a").tokenEndpoint("http://[::1]:8080/t")
        .build();
    assertNull(m.codeChallengeMethodsSupportedOrNull());
    assertTrue(m.members().isEmpty());
  }

  @Test
  void builder_listSetters_areWhatTheAccessorsReturn() {
    ServerMetadata m = ServerMetadata.builder("https://as.example.com")
        .authorizationEndpoint("https://as.example.com/a").tokenEndpoint("https://as.example.com/t")
        .codeChallengeMethodsSupported(Arrays.asList("S256"))
        .tokenEndpointAuthMethodsSupported(Arrays.asList("none", "client_secret_basic"))
        .build();

    assertEquals(Arrays.asList("S256"), m.codeChallengeMethodsSupportedOrNull());
    assertEquals(Arrays.asList("none", "client_secret_basic"),
        m.tokenEndpointAuthMethodsSupportedOrNull());
    assertThrows(UnsupportedOperationException.class,
        () -> m.codeChallengeMethodsSupportedOrNull().add("plain"));
  }

  @Test
  void builder_listSetters_copyTheList() {
    java.util.List<String> methods = new java.util.ArrayList<String>(Arrays.asList("S256"));
    ServerMetadata.Builder b = ServerMetadata.builder("https://as.example.com")
        .authorizationEndpoint("https://as.example.com/a").tokenEndpoint("https://as.example.com/t")
        .codeChallengeMethodsSupported(methods);
    methods.add("plain");

    assertEquals(Arrays.asList("S256"), b.build().codeChallengeMethodsSupportedOrNull());
  }

  @Test
  void builder_listSetters_refuseNullEntries() {
    ServerMetadata.Builder b = ServerMetadata.builder("https://as.example.com");
    assertThrows(NullPointerException.class,
        () -> b.codeChallengeMethodsSupported(Arrays.asList("S256", null)));
    assertThrows(NullPointerException.class,
        () -> b.tokenEndpointAuthMethodsSupported(Arrays.asList((String) null)));
  }
}
