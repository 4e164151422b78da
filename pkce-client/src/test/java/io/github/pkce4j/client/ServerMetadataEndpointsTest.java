package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The optional endpoints of RFC 9126 section 5, RFC 8414 section 2 / RFC 7009 and OpenID Connect
 * RP-Initiated Logout section 2.1, under the endpoint URI rules.
 */
class ServerMetadataEndpointsTest {
  private static final String BASE = "{\"issuer\":\"https://as.example.com\","
      + "\"authorization_endpoint\":\"https://as.example.com/authorize\","
      + "\"token_endpoint\":\"https://as.example.com/token\"";

  private static ServerMetadata parse(String extra) {
    return ServerMetadata.parse(BASE + extra + "}", "https://as.example.com");
  }

  @Test
  void parse_allFourMembers_readAndOthersKept() {
    ServerMetadata m = parse(","
        + "\"pushed_authorization_request_endpoint\":\"https://as.example.com/par\","
        + "\"require_pushed_authorization_requests\":true,"
        + "\"revocation_endpoint\":\"https://as.example.com/revoke\","
        + "\"end_session_endpoint\":\"https://as.example.com/logout\","
        + "\"userinfo_endpoint\":\"https://as.example.com/userinfo\"");
    assertEquals("https://as.example.com/par", m.pushedAuthorizationRequestEndpointOrNull());
    assertTrue(m.requirePushedAuthorizationRequests());
    assertEquals("https://as.example.com/revoke", m.revocationEndpointOrNull());
    assertEquals("https://as.example.com/logout", m.endSessionEndpointOrNull());
    assertEquals("https://as.example.com/userinfo", m.members().get("userinfo_endpoint"));
  }

  @Test
  void parse_noneOfThem_nullsAndParNotRequired() {
    ServerMetadata m = parse("");
    assertNull(m.pushedAuthorizationRequestEndpointOrNull());
    assertFalse(m.requirePushedAuthorizationRequests());
    assertNull(m.revocationEndpointOrNull());
    assertNull(m.endSessionEndpointOrNull());
  }

  @Test
  void parse_requireParFalse_notRequired() {
    assertFalse(parse(",\"require_pushed_authorization_requests\":false,"
        + "\"pushed_authorization_request_endpoint\":\"https://as.example.com/par\"")
        .requirePushedAuthorizationRequests());
  }

  @ParameterizedTest
  @ValueSource(strings = {"pushed_authorization_request_endpoint", "revocation_endpoint",
      "end_session_endpoint"})
  void parse_plainHttpEndpoint_throwsInvalidResponseNamingTheMember(String name) {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> parse(",\"" + name + "\":\"http://as.example.com/x\""));
    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
    assertTrue(e.getMessage().contains(name + " uses http on host as.example.com"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"pushed_authorization_request_endpoint", "revocation_endpoint",
      "end_session_endpoint"})
  void parse_endpointNotAString_throwsInvalidResponse(String name) {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> parse(",\"" + name + "\":17"));
    assertTrue(e.getMessage().contains("member " + name + " is not a string"), e.getMessage());
  }

  @Test
  void parse_requireParNotBoolean_throwsInvalidResponse() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> parse(",\"require_pushed_authorization_requests\":\"true\""));
    assertTrue(e.getMessage().contains("require_pushed_authorization_requests is not true or"
        + " false"), e.getMessage());
  }

  @Test
  void parse_parRequiredWithoutEndpoint_throwsInvalidResponseCitingRfc9126() {
    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> parse(",\"require_pushed_authorization_requests\":true"));
    assertEquals(ResponseRejectedException.INVALID_RESPONSE, e.errorCode());
    assertTrue(e.getMessage().contains("RFC 9126 section 5"), e.getMessage());
  }

  @Test
  void builder_setsAllFour() {
    ServerMetadata m = ServerMetadata.builder("http://127.0.0.1:8080")
        .authorizationEndpoint("http://127.0.0.1:8080/a")
        .tokenEndpoint("http://127.0.0.1:8080/t")
        .pushedAuthorizationRequestEndpoint("http://127.0.0.1:8080/par")
        .requirePushedAuthorizationRequests(true)
        .revocationEndpoint("http://127.0.0.1:8080/revoke")
        .endSessionEndpoint("http://127.0.0.1:8080/logout")
        .build();
    assertEquals("http://127.0.0.1:8080/par", m.pushedAuthorizationRequestEndpointOrNull());
    assertTrue(m.requirePushedAuthorizationRequests());
    assertEquals("http://127.0.0.1:8080/revoke", m.revocationEndpointOrNull());
    assertEquals("http://127.0.0.1:8080/logout", m.endSessionEndpointOrNull());
  }

  @Test
  void builder_parRequiredWithoutEndpoint_throwsIllegalState() {
    ServerMetadata.Builder b = ServerMetadata.builder("https://as.example.com")
        .authorizationEndpoint("https://as.example.com/a")
        .tokenEndpoint("https://as.example.com/t")
        .requirePushedAuthorizationRequests(true);
    assertThrows(IllegalStateException.class, b::build);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://as.example.com/x#f", "https://u@as.example.com/x",
      "http://127.attacker.example/x", "/relative"})
  void builder_badEndpoint_throwsForEachOfTheThree(String url) {
    ServerMetadata.Builder b = ServerMetadata.builder("https://as.example.com");
    assertThrows(IllegalArgumentException.class, () -> b.pushedAuthorizationRequestEndpoint(url));
    assertThrows(IllegalArgumentException.class, () -> b.revocationEndpoint(url));
    assertThrows(IllegalArgumentException.class, () -> b.endSessionEndpoint(url));
  }
}
