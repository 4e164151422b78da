package io.github.pkce4j.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.ClientAuthentication;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.ServerMetadata;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;
import okhttp3.logging.HttpLoggingInterceptor.Level;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No secret in OkHttp's logs: a real {@link HttpLoggingInterceptor} at {@code BASIC} and {@code
 * HEADERS} level, installed as an application and as a network interceptor, captures every line
 * of a token exchange. The verifier and the code never appear, whatever the client
 * authentication; the client secret never appears except in {@code client_secret_basic}'s {@code
 * Authorization} header, which {@code redactHeader("Authorization")} hides.
 */
class OkHttpLoggingTest {
  private static final Charset UTF_8 = Charset.forName("UTF-8");
  private static final String CODE = "SplxlOBeZQQYbYS6WxSbIA";
  private static final String SECRET = "s3cr3t-Value";

  private MockWebServer server;
  private final List<String> lines = new CopyOnWriteArrayList<String>();

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    server.enqueue(new MockResponse().setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody("{\"access_token\":\"at-1\",\"token_type\":\"Bearer\"}"));
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }

  static Stream<Arguments> everyAuthenticationLevelAndPlacement() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (String auth : new String[] {"none", "client_secret_post", "client_secret_basic"}) {
      for (Level level : new Level[] {Level.BASIC, Level.HEADERS}) {
        for (boolean network : new boolean[] {false, true}) {
          cases.add(Arguments.of(auth, level, network));
        }
      }
    }
    return cases.build();
  }

  private static ClientAuthentication authentication(String name) {
    if (name.equals("none")) {
      return ClientAuthentication.none();
    }
    if (name.equals("client_secret_post")) {
      return ClientAuthentication.clientSecretPost(SECRET);
    }
    return ClientAuthentication.clientSecretBasic(SECRET);
  }

  /** The server's URL by its loopback literal: MockWebServer names itself localhost. */
  private String url(String path) {
    return "http://127.0.0.1:" + server.getPort() + path;
  }

  /** Runs one token exchange through a client logging at {@code level}; returns the session. */
  private AuthorizationSession exchangeWhileLogging(ClientAuthentication authentication,
      HttpLoggingInterceptor logging, boolean network) throws IOException {
    OkHttpClient.Builder builder = OkHttpTransportContractTest.APP_CLIENT.newBuilder();
    if (network) {
      builder.addNetworkInterceptor(logging);
    } else {
      builder.addInterceptor(logging);
    }
    ServerMetadata metadata = ServerMetadata.builder(url("/"))
        .authorizationEndpoint(url("/authorize"))
        .tokenEndpoint(url("/token"))
        .build();
    PkceLoginFlow flow =
        PkceLoginFlow.builder(metadata, "app").clientAuthentication(authentication).build();
    AuthorizationSession session = flow.newSession("http://127.0.0.1:4711/cb");
    flow.exchange(session,
        flow.parseRedirect(session, session.redirectUri() + "?code=" + CODE + "&state="
            + session.state()),
        OkHttpTransport.create(builder.build()));
    return session;
  }

  private HttpLoggingInterceptor logging(Level level) {
    HttpLoggingInterceptor logging = new HttpLoggingInterceptor(new HttpLoggingInterceptor.Logger() {
      @Override
      public void log(String message) {
        lines.add(message);
      }
    });
    logging.setLevel(level);
    return logging;
  }

  private String log() {
    StringBuilder all = new StringBuilder();
    for (String line : lines) {
      all.append(line).append('\n');
    }
    return all.toString();
  }

  private static String base64(String s) {
    return java.util.Base64.getEncoder().encodeToString(s.getBytes(UTF_8));
  }

  @ParameterizedTest(name = "{0} at {1}, network interceptor: {2}")
  @MethodSource("everyAuthenticationLevelAndPlacement")
  void tokenExchange_logged_neverShowsVerifierOrCode(String auth, Level level, boolean network)
      throws IOException {
    AuthorizationSession session =
        exchangeWhileLogging(authentication(auth), logging(level), network);

    String log = log();
    assertTrue(log.contains("--> POST " + url("/token")), log);
    assertTrue(log.contains("<-- 200"), log);
    assertFalse(log.contains(session.codeVerifier().value()), "verifier in the log:\n" + log);
    assertFalse(log.contains(CODE), "authorization code in the log:\n" + log);
    assertFalse(log.contains(session.state()), "state in the log:\n" + log);
  }

  @ParameterizedTest(name = "{0} at {1}, network interceptor: {2}")
  @MethodSource("everyAuthenticationLevelAndPlacement")
  void tokenExchange_logged_showsSecretOnlyInBasicAuthorizationAtHeadersLevel(String auth,
      Level level, boolean network) throws IOException {
    exchangeWhileLogging(authentication(auth), logging(level), network);

    String log = log();
    boolean documentedExposure = auth.equals("client_secret_basic") && level == Level.HEADERS;
    assertFalse(log.contains(SECRET), "secret in the log:\n" + log);
    assertEquals(documentedExposure, log.contains(base64("app:" + SECRET)),
        "Basic credentials in the log:\n" + log);
    assertEquals(documentedExposure, log.contains("Authorization: Basic "), log);
  }

  @Test
  void clientSecretBasic_headersLevelWithRedactedAuthorization_showsNoCredentials()
      throws IOException {
    HttpLoggingInterceptor logging = logging(Level.HEADERS);
    logging.redactHeader("Authorization");

    AuthorizationSession session =
        exchangeWhileLogging(ClientAuthentication.clientSecretBasic(SECRET), logging, true);

    String log = log();
    assertTrue(log.contains("Authorization: "), "the header is listed, its value redacted:\n"
        + log);
    assertFalse(log.contains("Basic "), log);
    assertFalse(log.contains(base64("app:" + SECRET)), log);
    assertFalse(log.contains(session.codeVerifier().value()), log);
  }
}
