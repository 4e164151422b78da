package io.github.pkce4j.interop.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Spring Authorization Server running in this JVM on {@code 127.0.0.1}, with one user and one
 * public client that requires PKCE and asks the user for consent.
 *
 * <p>The issuer is the server's real loopback URL ({@code http://127.0.0.1:<port>}), so the
 * discovery documents (whose {@code issuer} the client checks against the URL it asked) and the ID
 * token's {@code iss} claim name the address the client actually talks to. Because Spring's issuer setting is fixed when the context
 * starts, the port is chosen first (the operating system hands out a free ephemeral port, which is
 * released and given to Tomcat); if another process takes it in between, startup is retried on a
 * fresh port.
 *
 * <p>The client:
 *
 * <ul>
 *   <li>{@code client_id} {@value #CLIENT_ID}, client authentication {@code none} (a public client,
 *       RFC 6749 §2.1);
 *   <li>{@code requireProofKey(true)}: an authorization request without {@code code_challenge} is
 *       refused with {@code invalid_request} (RFC 7636 §4.4.1);
 *   <li>{@code requireAuthorizationConsent(true)}: the user approves scopes on a consent page;
 *   <li>redirect URI {@value #REGISTERED_REDIRECT_URI}, registered without a port: any port on the
 *       loopback IP literal matches (RFC 8252 §7.3), the path and host must match exactly;
 *   <li>scopes {@code openid}, {@code profile} and {@value #API_SCOPE}.
 * </ul>
 *
 * <p>A second, confidential client {@value #CONFIDENTIAL_CLIENT_ID} has the same settings but
 * authenticates with {@code client_secret_basic} or {@code client_secret_post}; its id and secret
 * are full of characters that must be escaped.
 *
 * <p>Start it once and share it: Spring Boot needs a few seconds to start on a small machine.
 * {@link AuthorizationServerExtension} does this for test classes.
 */
public final class SpringAuthorizationServer implements AutoCloseable {

  /** The public client's {@code client_id}. */
  public static final String CLIENT_ID = "pkce4j-interop";

  /**
   * The confidential client's {@code client_id}: every character that RFC 6749 §2.3.1's
   * form-encoding of HTTP Basic credentials must escape ({@code :}, space, {@code +}, {@code %},
   * {@code &}, {@code =}), so a client that skips the encoding cannot authenticate.
   */
  public static final String CONFIDENTIAL_CLIENT_ID = "pkce4j confidential:+%&=";

  /** The redirect URI as registered: loopback IP literal, no port. */
  public static final String REGISTERED_REDIRECT_URI = "http://127.0.0.1/callback";

  /** The path of the registered redirect URI; a loopback receiver must listen on exactly this. */
  public static final String REDIRECT_PATH = "/callback";

  /** A non-OpenID scope the client may ask for; it appears on the consent page. */
  public static final String API_SCOPE = "interop.read";

  /** The path of the pushed authorization request endpoint (RFC 9126), Spring's default. */
  public static final String PAR_PATH = "/oauth2/par";
  /** The path of the protected resource, which accepts DPoP-bound tokens with their proofs. */
  public static final String API_PATH = "/api/me";

  /** The path of the token endpoint, for matching {@link RequestLog} entries. */
  public static final String TOKEN_PATH = "/oauth2/token";

  /** The one user's name. */
  public static final String USERNAME = "alice";

  static final String ISSUER_PROPERTY = "pkce4j.interop.issuer";
  static final String USERNAME_PROPERTY = "pkce4j.interop.username";
  static final String PASSWORD_PROPERTY = "pkce4j.interop.password";
  static final String CLIENT_SECRET_PROPERTY = "pkce4j.interop.client-secret";
  static final String REQUIRE_PAR_PROPERTY = "pkce4j.interop.require-par";

  private static final String LOOPBACK = "127.0.0.1";
  private static final int START_ATTEMPTS = 3;

  private final ConfigurableApplicationContext context;
  private final URI issuer;
  private final String password;
  private final String clientSecret;
  private final RequestLog requestLog;

  private SpringAuthorizationServer(
      ConfigurableApplicationContext context,
      URI issuer,
      String password,
      String clientSecret,
      RequestLog requestLog) {
    this.context = context;
    this.issuer = issuer;
    this.password = password;
    this.clientSecret = clientSecret;
    this.requestLog = requestLog;
  }

  /**
   * Starts a server on a free loopback port and returns when it accepts requests.
   *
   * @throws IllegalStateException if no free port could be bound after a few attempts
   */
  public static SpringAuthorizationServer start() {
    return start(false);
  }

  /**
   * Starts a server as {@link #start()} does; with {@code requirePushedRequests} its metadata sets
   * {@code require_pushed_authorization_requests} and its authorization endpoint refuses a request
   * without {@code request_uri} (RFC 9126 section 5).
   */
  public static SpringAuthorizationServer start(boolean requirePushedRequests) {
    String password = randomSecret();
    // Reserved characters again, for the same reason as in the confidential client's id.
    String clientSecret = randomSecret() + ":+/%&= ";
    PortInUseException lastPortClash = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int port = freeLoopbackPort();
      URI issuer = URI.create("http://" + LOOPBACK + ":" + port);
      RequestLog requestLog = new RequestLog();
      try {
        ConfigurableApplicationContext context =
            startContext(port, issuer, password, clientSecret, requestLog, requirePushedRequests);
        return new SpringAuthorizationServer(context, issuer, password, clientSecret, requestLog);
      } catch (RuntimeException e) {
        PortInUseException portClash = portInUse(e);
        if (portClash == null) {
          throw e;
        }
        lastPortClash = portClash;
      }
    }
    throw new IllegalStateException(
        "Could not start the authorization server: another process took the chosen loopback port "
            + START_ATTEMPTS
            + " times in a row",
        lastPortClash);
  }

  private static ConfigurableApplicationContext startContext(
      int port,
      URI issuer,
      String password,
      String clientSecret,
      RequestLog requestLog,
      boolean requirePushedRequests) {
    // Command-line arguments outrank environment variables and system properties, so a SERVER_PORT
    // or similar in a CI environment cannot move the server off loopback or off its port.
    return new SpringApplicationBuilder(AuthorizationServerConfig.class)
        .web(WebApplicationType.SERVLET)
        .initializers(
            context ->
                ((GenericApplicationContext) context)
                    .registerBean(RequestLog.class, () -> requestLog))
        .run(
            "--server.address=" + LOOPBACK,
            "--server.port=" + port,
            "--" + ISSUER_PROPERTY + "=" + issuer,
            "--" + USERNAME_PROPERTY + "=" + USERNAME,
            "--" + PASSWORD_PROPERTY + "=" + password,
            "--" + CLIENT_SECRET_PROPERTY + "=" + clientSecret,
            "--" + REQUIRE_PAR_PROPERTY + "=" + requirePushedRequests,
            "--spring.main.banner-mode=off",
            "--spring.main.log-startup-info=false",
            "--spring.jmx.enabled=false",
            "--server.servlet.session.tracking-modes=cookie",
            "--logging.level.root=WARN");
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot bind an ephemeral port on " + LOOPBACK, e);
    }
  }

  private static PortInUseException portInUse(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof PortInUseException portInUse) {
        return portInUse;
      }
    }
    return null;
  }

  private static String randomSecret() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The issuer identifier, {@code http://127.0.0.1:<port>} with no trailing slash. */
  public URI issuer() {
    return issuer;
  }

  /** The authorization endpoint, at Spring Authorization Server's default path. */
  public URI authorizationEndpoint() {
    return issuer.resolve("/oauth2/authorize");
  }

  /** The token endpoint, at Spring Authorization Server's default path. */
  public URI tokenEndpoint() {
    return issuer.resolve(TOKEN_PATH);
  }

  /** The user's password, fresh for every server. */
  public String password() {
    return password;
  }

  /** The confidential client's secret, fresh for every server; it has reserved characters. */
  public String confidentialClientSecret() {
    return clientSecret;
  }

  /** Every request that reached this server. */
  public RequestLog requestLog() {
    return requestLog;
  }

  /** Stops the server and releases its port. */
  @Override
  public void close() {
    context.close();
  }
}
