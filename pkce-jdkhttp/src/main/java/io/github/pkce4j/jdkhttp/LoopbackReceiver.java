package io.github.pkce4j.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.pkce4j.PkceException;
import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.PkceLoginFlow;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Receives the authorization redirect of a desktop login on a loopback address (RFC 8252 §7.3,
 * §8.3), on the JDK's built-in HTTP server.
 *
 * <pre>{@code
 * try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
 *   AuthorizationSession session = flow.newSession(receiver.redirectUri());
 *   Desktop.getDesktop().browse(URI.create(flow.authorizationUrl(session)));
 *   AuthorizationResponse response = receiver.await(flow, session, Duration.ofMinutes(2));
 *   TokenResponse tokens = flow.exchange(session, response, transport);
 * }
 * }</pre>
 *
 * <p>It binds {@code 127.0.0.1} (or {@code [::1]}), never a wildcard address, on an ephemeral port
 * unless told otherwise, so nothing off the machine can reach it. It accepts exactly one callback:
 * the first GET on the exact path, which it checks with {@link PkceLoginFlow#parseRedirect} and
 * answers with a short page; everything else (other paths, other methods, a wrong {@code Host},
 * a second callback) gets 404. After that callback, a timeout, or {@link #close()}, the port is
 * closed.
 *
 * <p>Security: the redirect URI is {@code http://127.0.0.1:<port>/callback}, an IP literal rather
 * than {@code localhost} (RFC 8252 §8.3). Checking the {@code Host} header refuses requests a web
 * page sends after rebinding a DNS name to 127.0.0.1. The page sets {@code Referrer-Policy:
 * no-referrer} and {@code Cache-Control: no-store} so the code does not leak from the browser.
 *
 * @since 0.1.0
 */
public final class LoopbackReceiver implements AutoCloseable {
  /** The callback path used unless another is set. */
  public static final String DEFAULT_PATH = "/callback";

  private final HttpServer server;
  private final String path;
  private final String hostLiteral;
  private final int port;
  private final AtomicBoolean consumed = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Completed with the flow and session by {@link #await}; a callback arriving earlier waits. */
  private final CompletableFuture<Object[]> armed = new CompletableFuture<>();
  private final ExecutorService executor;
  private final CompletableFuture<AuthorizationResponse> outcome = new CompletableFuture<>();

  private LoopbackReceiver(Builder b) throws IOException {
    this.path = b.path;
    this.server = HttpServer.create(new InetSocketAddress(b.address, b.port), 0);
    this.port = server.getAddress().getPort();
    this.hostLiteral = b.address instanceof Inet6Address ? "[::1]" : "127.0.0.1";
    this.executor = Executors.newFixedThreadPool(2, runnable -> {
      Thread thread = new Thread(runnable, "pkce4j-loopback-" + port);
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a receiver on {@code 127.0.0.1}, an ephemeral port, path {@value #DEFAULT_PATH}.
   *
   * @throws IOException if no port can be bound
   */
  public static LoopbackReceiver start() throws IOException {
    return builder().start();
  }

  /** Starts configuring a receiver. */
  public static Builder builder() {
    return new Builder();
  }

  /** The redirect URI to register and to pass to {@link PkceLoginFlow#newSession(String)}. */
  public String redirectUri() {
    return "http://" + hostLiteral + ":" + port + path;
  }

  /** The bound port. */
  public int port() {
    return port;
  }

  /** The bound socket address; always a loopback address. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /**
   * Waits for the one callback, checks it against {@code session} and returns its code; closes the
   * receiver in every case.
   *
   * @throws TimeoutException if no callback arrived within {@code timeout}
   * @throws io.github.pkce4j.client.ResponseRejectedException if the callback's state or issuer
   *     did not match, or it was malformed
   * @throws io.github.pkce4j.client.OAuthErrorException if the server redirected with an error
   * @throws InterruptedException if the thread was interrupted while waiting
   */
  public AuthorizationResponse await(PkceLoginFlow flow, AuthorizationSession session,
      Duration timeout) throws TimeoutException, InterruptedException {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(timeout, "timeout");
    if (!session.redirectUri().equals(redirectUri())) {
      close();
      throw new IllegalArgumentException("the session's redirect URI is not this receiver's "
          + redirectUri() + "; make the session with flow.newSession(receiver.redirectUri())");
    }
    armed.complete(new Object[] {flow, session});
    try {
      return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TimeoutException("no redirect arrived at " + redirectUri() + " within "
          + timeout.getSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IllegalStateException(cause);
    } finally {
      close();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    AuthorizationResponse accepted = null;
    RuntimeException refused = null;
    try {
      String expectedHost = hostLiteral + ":" + port;
      String host = exchange.getRequestHeaders().getFirst("Host");
      boolean isCallback = "GET".equals(exchange.getRequestMethod())
          && path.equals(exchange.getRequestURI().getRawPath())
          && expectedHost.equalsIgnoreCase(host)
          && !closed.get()
          && consumed.compareAndSet(false, true);
      if (!isCallback) {
        respond(exchange, 404, "Not found", "Nothing here.");
        return;
      }
      Object[] flowAndSession;
      try {
        flowAndSession = armed.get();
      } catch (InterruptedException | ExecutionException e) {
        respond(exchange, 503, "Login cancelled", "The application stopped waiting.");
        return;
      }
      PkceLoginFlow flow = (PkceLoginFlow) flowAndSession[0];
      AuthorizationSession session = (AuthorizationSession) flowAndSession[1];
      String query = exchange.getRequestURI().getRawQuery();
      String url = "http://" + expectedHost + path + (query == null ? "" : "?" + query);
      try {
        accepted = flow.parseRedirect(session, url);
      } catch (RuntimeException e) {
        refused = e;
      }
      if (accepted != null) {
        respond(exchange, 200, "Login complete",
            "You are signed in. You can close this tab and return to the application.");
      } else if (refused instanceof PkceException) {
        respond(exchange, 400, "Login failed", "The login did not complete ("
            + htmlEscape(((PkceException) refused).errorCode())
            + "). Return to the application and try again.");
      } else {
        respond(exchange, 500, "Login failed", "Return to the application and try again.");
      }
    } finally {
      exchange.close();
      // Only now, with the page sent, may await() return and stop the server.
      if (accepted != null) {
        outcome.complete(accepted);
      } else if (refused != null) {
        outcome.completeExceptionally(refused);
      }
    }
  }

  private static void respond(HttpExchange exchange, int status, String title, String text)
      throws IOException {
    byte[] page = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title
        + "</title></head><body><h1>" + title + "</h1><p>" + text + "</p></body></html>")
        .getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    exchange.getResponseHeaders().set("Connection", "close");
    exchange.sendResponseHeaders(status, page.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(page);
    }
  }

  private static String htmlEscape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<': out.append("&lt;"); break;
        case '>': out.append("&gt;"); break;
        case '&': out.append("&amp;"); break;
        case '"': out.append("&quot;"); break;
        case '\'': out.append("&#39;"); break;
        default: out.append(c);
      }
    }
    return out.toString();
  }

  /** Stops listening and releases the port; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      IllegalStateException closedException = new IllegalStateException("the receiver was closed");
      armed.completeExceptionally(closedException);
      server.stop(0);
      executor.shutdownNow();
      outcome.completeExceptionally(closedException);
    }
  }

  @Override
  public String toString() {
    return "LoopbackReceiver[" + redirectUri() + "]";
  }

  /**
   * Configures a {@link LoopbackReceiver}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private InetAddress address = ipv4Loopback();
    private int port;
    private String path = DEFAULT_PATH;

    private Builder() {}

    private static InetAddress ipv4Loopback() {
      try {
        return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Binds {@code [::1]} instead of {@code 127.0.0.1} (RFC 8252 §7.3 allows either). */
    public Builder ipv6() {
      try {
        this.address = InetAddress.getByAddress("::1",
            new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return this;
    }

    /**
     * A fixed port, for servers that cannot match any port of a loopback redirect URI (RFC 8252
     * §7.3 asks servers to allow any); 0, the default, picks an ephemeral one.
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is outside 0..65535");
      }
      this.port = port;
      return this;
    }

    /** The callback path, starting with {@code /}. Default {@value #DEFAULT_PATH}. */
    public Builder path(String path) {
      Objects.requireNonNull(path, "path");
      if (!path.startsWith("/") || path.contains("?") || path.contains("#")) {
        throw new IllegalArgumentException("path must start with / and have no query or"
            + " fragment");
      }
      for (int i = 0; i < path.length(); i++) {
        char c = path.charAt(i);
        if (c <= ' ' || c >= 0x7f || c == '%') {
          throw new IllegalArgumentException("path has a character that would need"
              + " percent-encoding at index " + i + "; use plain ASCII");
        }
      }
      this.path = path;
      return this;
    }

    /**
     * Binds and starts the receiver.
     *
     * @throws IOException if the port cannot be bound
     */
    public LoopbackReceiver start() throws IOException {
      return new LoopbackReceiver(this);
    }
  }
}
