package io.github.pkce4j.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.pkce4j.PkceConfig;
import io.github.pkce4j.PkceException;
import io.github.pkce4j.server.ClientType;
import io.github.pkce4j.server.PkceBinding;
import io.github.pkce4j.server.PkceServerRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The smallest honest authorization server for {@code pkce demo}: one public client, PKCE through
 * {@link PkceServerRules#defaults()} (required, S256 only), one-time codes living 60 seconds, and
 * exact redirect URI matching (RFC 6749 §3.1.2.3, RFC 9700 §4.1.3). Binds 127.0.0.1 only.
 */
final class DemoAuthorizationServer implements AutoCloseable {
  static final String CLIENT_ID = "pkce-demo";
  static final long CODE_LIFETIME_MILLIS = 60_000;
  private static final int MAX_BODY = 16 * 1024;

  private final HttpServer server;
  private final String issuer;
  private final String redirectUri;
  private final PkceServerRules rules = PkceServerRules.defaults();
  private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();

  /** What the server remembers about a code until it is redeemed or expires. */
  private static final class IssuedCode {
    final String binding;
    final String redirectUri;
    final long expiresAtMillis;

    IssuedCode(String binding, String redirectUri, long expiresAtMillis) {
      this.binding = binding;
      this.redirectUri = redirectUri;
      this.expiresAtMillis = expiresAtMillis;
    }
  }

  DemoAuthorizationServer(String registeredRedirectUri) throws IOException {
    this.redirectUri = registeredRedirectUri;
    this.server = HttpServer.create(
        new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
    this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
    server.createContext("/", this::handle);
    server.start();
  }

  String issuer() {
    return issuer;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getRawPath();
      String method = exchange.getRequestMethod();
      if (method.equals("GET") && path.equals("/.well-known/oauth-authorization-server")) {
        send(exchange, 200, "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\""
            + issuer + "/authorize\",\"token_endpoint\":\"" + issuer + "/token\","
            + "\"response_types_supported\":[\"code\"],"
            + "\"code_challenge_methods_supported\":[\"S256\"],"
            + "\"token_endpoint_auth_methods_supported\":[\"none\"],"
            + "\"authorization_response_iss_parameter_supported\":true}");
      } else if (method.equals("GET") && path.equals("/authorize")) {
        authorize(exchange, parse(exchange.getRequestURI().getRawQuery()));
      } else if (method.equals("POST") && path.equals("/token")) {
        token(exchange, parse(readBody(exchange.getRequestBody())));
      } else {
        send(exchange, 404, "{\"error\":\"not_found\"}");
      }
    } finally {
      exchange.close();
    }
  }

  private void authorize(HttpExchange exchange, Map<String, String> q) throws IOException {
    // RFC 6749 §4.1.2.1: never redirect to an unverified URI; answer the browser instead.
    if (!CLIENT_ID.equals(q.get("client_id")) || !redirectUri.equals(q.get("redirect_uri"))) {
      send(exchange, 400, "{\"error\":\"invalid_request\",\"error_description\":\"unknown"
          + " client or redirect_uri not registered (exact match, RFC 9700 section 4.1.3)\"}");
      return;
    }
    StringBuilder location = new StringBuilder(redirectUri).append('?');
    if (!"code".equals(q.get("response_type"))) {
      location.append("error=unsupported_response_type");
    } else {
      try {
        PkceBinding binding = rules.validateAuthorizationRequest(q.get("code_challenge"),
            q.get("code_challenge_method"), ClientType.PUBLIC);
        String code = randomToken();
        codes.put(code, new IssuedCode(binding.serialize(), redirectUri,
            System.currentTimeMillis() + CODE_LIFETIME_MILLIS));
        location.append("code=").append(code);
      } catch (PkceException e) {
        location.append("error=").append(e.errorCode()).append("&error_description=")
            .append(encode(e.description()));
      }
    }
    if (q.get("state") != null) {
      location.append("&state=").append(encode(q.get("state")));
    }
    location.append("&iss=").append(encode(issuer));
    exchange.getResponseHeaders().set("Location", location.toString());
    exchange.sendResponseHeaders(302, -1);
  }

  private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
    if (!"authorization_code".equals(form.get("grant_type"))) {
      sendError(exchange, 400, "unsupported_grant_type", "only authorization_code");
      return;
    }
    if (!CLIENT_ID.equals(form.get("client_id"))) {
      sendError(exchange, 401, "invalid_client", "unknown client_id");
      return;
    }
    String code = form.get("code");
    IssuedCode issued = code == null ? null : codes.remove(code); // one-time: gone on first use
    if (issued == null) {
      sendError(exchange, 400, "invalid_grant", "authorization code unknown or already used"
          + " (RFC 6749 section 4.1.2: a code is used once)");
      return;
    }
    if (System.currentTimeMillis() > issued.expiresAtMillis) {
      sendError(exchange, 400, "invalid_grant", "authorization code expired (60 s lifetime)");
      return;
    }
    if (!issued.redirectUri.equals(form.get("redirect_uri"))) {
      sendError(exchange, 400, "invalid_grant", "redirect_uri differs from the authorization"
          + " request's (RFC 6749 section 4.1.3)");
      return;
    }
    try {
      rules.validateTokenRequest(PkceBinding.parse(issued.binding), form.get("code_verifier"));
    } catch (PkceException e) {
      sendError(exchange, 400, e.errorCode(), e.description());
      return;
    }
    send(exchange, 200, "{\"access_token\":\"" + randomToken() + "\",\"token_type\":\"Bearer\","
        + "\"expires_in\":300}");
  }

  private static String randomToken() {
    byte[] raw = new byte[32];
    PkceConfig.defaults().secureRandom().nextBytes(raw);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  private static void sendError(HttpExchange exchange, int status, String error,
      String description) throws IOException {
    send(exchange, status, "{\"error\":\"" + error + "\",\"error_description\":\""
        + description.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String readBody(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    for (int n; (n = in.read(buffer)) > 0; ) {
      if (out.size() + n > MAX_BODY) {
        throw new IOException("request body too large");
      }
      out.write(buffer, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Form or query parameters; a repeated parameter is kept as null, so it is refused. */
  private static Map<String, String> parse(String encoded) {
    Map<String, String> params = new HashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
          StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1),
          StandardCharsets.UTF_8);
      if (params.containsKey(name)) {
        params.put(name, null); // RFC 6749 §3.1: parameters must not repeat
      } else {
        params.put(name, value);
      }
    }
    return params;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
