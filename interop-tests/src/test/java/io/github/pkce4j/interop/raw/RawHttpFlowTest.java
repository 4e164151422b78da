package io.github.pkce4j.interop.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.CodeVerifier;
import io.github.pkce4j.interop.browser.Browser;
import io.github.pkce4j.interop.server.AuthorizationServerExtension;
import io.github.pkce4j.interop.server.SpringAuthorizationServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The harness and the browser player proven with nothing of pkce4j but the verifier and challenge:
 * hand-built authorization URLs and token requests against the real server. If these fail, the
 * adapter suites cannot be trusted; if these pass and an adapter suite fails, the adapter is wrong.
 */
@ExtendWith(AuthorizationServerExtension.class)
class RawHttpFlowTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final URI REDIRECT_URI = URI.create("http://127.0.0.1:49152/callback");

  private final HttpClient http = HttpClient.newHttpClient();
  private SpringAuthorizationServer server;
  private Browser browser;

  @BeforeEach
  void setUp(SpringAuthorizationServer server) {
    this.server = server;
    this.browser = Browser.forUser(SpringAuthorizationServer.USERNAME, server.password());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"})
  void discovery_namesLoopbackIssuerAndS256(String path) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(server.issuer().resolve(path)).build(),
            HttpResponse.BodyHandlers.ofString());

    assertEquals(200, response.statusCode());
    JsonNode metadata = JSON.readTree(response.body());
    assertEquals(server.issuer().toString(), metadata.get("issuer").asText());
    assertEquals(
        server.authorizationEndpoint().toString(), metadata.get("authorization_endpoint").asText());
    assertEquals(server.tokenEndpoint().toString(), metadata.get("token_endpoint").asText());
    assertEquals("[\"S256\"]", metadata.get("code_challenge_methods_supported").toString());
    // Public clients work although the server does not list "none" (RFC 8414 §2).
    assertFalse(
        metadata.get("token_endpoint_auth_methods_supported").toString().contains("\"none\""),
        response.body());
    // Spring Authorization Server does not send RFC 9207's iss parameter, and says so by omission.
    assertFalse(metadata.has("authorization_response_iss_parameter_supported"), response.body());
  }

  @Test
  void authorizationCodeFlow_withS256_issuesTokens() throws Exception {
    CodeVerifier verifier = CodeVerifier.generate();
    String state = UUID.randomUUID().toString();

    Browser.Outcome outcome =
        browser.authorize(
            authorizationUrl(CodeChallenge.s256(verifier), state, "openid profile"), REDIRECT_URI);

    assertTrue(outcome.signedIn(), outcome.trail().toString());
    assertTrue(outcome.consentShown(), outcome.trail().toString());
    assertEquals(List.of("profile"), outcome.consentedScopes());
    Map<String, String> callback = outcome.callbackParameters();
    assertEquals(state, callback.get("state"));
    assertFalse(callback.containsKey("iss"), "the server does not advertise RFC 9207 iss");
    String code = callback.get("code");
    assertNotNull(code, callback.toString());

    HttpResponse<String> token = tokenRequest(code, verifier.value());

    assertEquals(200, token.statusCode(), token.body());
    JsonNode body = JSON.readTree(token.body());
    assertEquals("Bearer", body.get("token_type").asText());
    assertFalse(body.get("access_token").asText().isEmpty());
    assertFalse(body.get("id_token").asText().isEmpty());
    assertEquals("openid profile", body.get("scope").asText());
  }

  @Test
  void tokenRequest_wrongVerifier_invalidGrant() throws Exception {
    String code = authorize(CodeVerifier.generate());

    HttpResponse<String> token = tokenRequest(code, CodeVerifier.generate().value());

    assertEquals(400, token.statusCode());
    assertEquals("invalid_grant", JSON.readTree(token.body()).path("error").asText(""));
  }

  @Test
  void tokenRequest_replayedCode_invalidGrant() throws Exception {
    CodeVerifier verifier = CodeVerifier.generate();
    String code = authorize(verifier);
    assertEquals(200, tokenRequest(code, verifier.value()).statusCode());

    HttpResponse<String> replay = tokenRequest(code, verifier.value());

    assertEquals(400, replay.statusCode());
    assertEquals("invalid_grant", JSON.readTree(replay.body()).path("error").asText(""));
  }

  /**
   * Spring Authorization Server recognises a public client only by its {@code code_verifier}; a
   * token request without one is an unauthenticated request to a protected endpoint, answered 401
   * with an empty body (no OAuth error JSON), not RFC 7636 §4.6's {@code invalid_grant}. Clients
   * must cope with that answer; pkce4j never sends such a request.
   */
  @Test
  void tokenRequest_withoutVerifier_401WithEmptyBody() throws Exception {
    String code = authorize(CodeVerifier.generate());

    HttpResponse<String> token = tokenRequest(code, null);

    assertEquals(401, token.statusCode(), token.body());
    assertEquals("", token.body());
  }

  @Test
  void authorizationRequest_withoutCodeChallenge_invalidRequestBeforeLogin() {
    String state = UUID.randomUUID().toString();
    URI url = URI.create(server.authorizationEndpoint() + "?" + form(Map.of(
        "response_type", "code",
        "client_id", SpringAuthorizationServer.CLIENT_ID,
        "redirect_uri", REDIRECT_URI.toString(),
        "scope", "openid profile",
        "state", state)));

    Browser.Outcome outcome = browser.authorize(url, REDIRECT_URI);

    Map<String, String> callback = outcome.callbackParameters();
    assertEquals("invalid_request", callback.get("error"), callback.toString());
    assertEquals("OAuth 2.0 Parameter: code_challenge", callback.get("error_description"));
    assertEquals(
        "https://datatracker.ietf.org/doc/html/rfc7636#section-4.4.1", callback.get("error_uri"));
    assertEquals(state, callback.get("state"));
    assertFalse(callback.containsKey("code"));
    assertFalse(outcome.signedIn(), "PKCE is checked before the user is asked to sign in");
  }

  @ParameterizedTest
  @ValueSource(strings = {"openid profile", "profile interop.read"})
  void consent_denied_accessDenied(String scope) {
    String state = UUID.randomUUID().toString();

    Browser.Outcome outcome =
        browser
            .withConsent(Browser.Consent.DENY)
            .authorize(
                authorizationUrl(CodeChallenge.s256(CodeVerifier.generate()), state, scope),
                REDIRECT_URI);

    assertTrue(outcome.consentShown(), outcome.trail().toString());
    Map<String, String> callback = outcome.callbackParameters();
    assertEquals("access_denied", callback.get("error"), callback.toString());
    assertEquals(state, callback.get("state"));
    assertFalse(callback.containsKey("code"));
  }

  /**
   * Only the port of a loopback IP literal may vary (RFC 8252 §7.3); host name, path and scheme
   * are compared exactly, and a refused redirect URI is never redirected to (RFC 6749 §4.1.2.1).
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "http://127.0.0.1:49152/elsewhere",
      "http://127.0.0.1:49152/callback/",
      "http://localhost:49152/callback",
      "https://127.0.0.1:49152/callback"})
  void authorizationRequest_unregisteredRedirectUri_400WithoutRedirect(String redirectUri) {
    URI elsewhere = URI.create(redirectUri);
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("response_type", "code");
    parameters.put("client_id", SpringAuthorizationServer.CLIENT_ID);
    parameters.put("redirect_uri", redirectUri);
    parameters.put("scope", "openid");
    parameters.put("state", "s");
    parameters.put("code_challenge", CodeChallenge.s256(CodeVerifier.generate()).value());
    parameters.put("code_challenge_method", "S256");

    Browser.Outcome outcome =
        browser.authorize(
            URI.create(server.authorizationEndpoint() + "?" + form(parameters)), elsewhere);

    assertNull(outcome.callbackOrNull(), outcome.trail().toString());
    assertEquals(400, outcome.stoppedAtOrNull().status(), outcome.trail().toString());
    assertFalse(outcome.signedIn(), "the request is refused before the user is asked to sign in");
  }

  private String authorize(CodeVerifier verifier) {
    String state = UUID.randomUUID().toString();
    Map<String, String> callback =
        browser
            .authorize(
                authorizationUrl(CodeChallenge.s256(verifier), state, "openid"), REDIRECT_URI)
            .callbackParameters();
    assertEquals(state, callback.get("state"));
    return callback.get("code");
  }

  private URI authorizationUrl(CodeChallenge challenge, String state, String scope) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("response_type", "code");
    parameters.put("client_id", SpringAuthorizationServer.CLIENT_ID);
    parameters.put("redirect_uri", REDIRECT_URI.toString());
    parameters.put("scope", scope);
    parameters.put("state", state);
    parameters.put("code_challenge", challenge.value());
    parameters.put("code_challenge_method", "S256");
    return URI.create(server.authorizationEndpoint() + "?" + form(parameters));
  }

  private HttpResponse<String> tokenRequest(String code, String verifierOrNull) throws Exception {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("grant_type", "authorization_code");
    parameters.put("code", code);
    parameters.put("redirect_uri", REDIRECT_URI.toString());
    parameters.put("client_id", SpringAuthorizationServer.CLIENT_ID);
    if (verifierOrNull != null) {
      parameters.put("code_verifier", verifierOrNull);
    }
    HttpRequest request =
        HttpRequest.newBuilder(server.tokenEndpoint())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(form(parameters)))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String form(Map<String, String> parameters) {
    StringJoiner joiner = new StringJoiner("&");
    parameters.forEach(
        (name, value) ->
            joiner.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return joiner.toString();
  }
}
