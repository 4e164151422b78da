package io.github.pkce4j.jdkhttp;

import io.github.pkce4j.PkceException;
import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.PkceLoginFlow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Receives the authorization redirect of a desktop login on a loopback address (RFC 8252 §7.3,
 * §8.3).
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
 * unless told otherwise, so nothing off the machine can reach it. The session passed to
 * {@link #await} tells it the expected {@code state}; a callback that arrives before
 * {@code await} is held until then. It ends the login on exactly one callback: the first GET on
 * the exact path whose {@code state} equals the session's (compared in constant time), which it
 * checks with {@link PkceLoginFlow#parseRedirect} (a code, or the server's error) and answers
 * with a short page. A callback with another or no {@code state} gets 400 and changes nothing:
 * the receiver keeps waiting for the real one (RFC 6749 §10.12 asks the client to reject the
 * forged request, not to abandon the user's login). Everything else (other paths, other methods,
 * a wrong {@code Host}, a second matching callback) gets 404. After the matching callback, a
 * timeout, or {@link #close()}, the port is closed.
 *
 * <p>Security: the redirect URI is {@code http://127.0.0.1:<port>/callback}, an IP literal rather
 * than {@code localhost} (RFC 8252 §8.3). Checking the {@code Host} header refuses requests a web
 * page sends after rebinding a DNS name to 127.0.0.1. Requests are not refused for being
 * cross-site: the real redirect is a cross-site navigation from the authorization server. Each
 * connection is served on its own thread and must send its request line and headers within
 * {@link Builder#requestTimeout(Duration)} (10 seconds unless set), so a slow or silent
 * connection holds only itself; at most 16 connections are served at once, and further ones are
 * closed at once (a local process that keeps 16 connections silent can still delay a login by up
 * to the request timeout at a time; a web page cannot). Pages set {@code Referrer-Policy:
 * no-referrer} and {@code Cache-Control: no-store} so the code does not leak from the browser,
 * and never repeat the request.
 *
 * @since 0.1.0
 */
public final class LoopbackReceiver implements AutoCloseable {
  /** The callback path used unless another is set. */
  public static final String DEFAULT_PATH = "/callback";

  /** Connections served at once; one more is closed as soon as it is accepted. */
  static final int MAX_CONNECTIONS = 16;

  /** The longest request line and headers read; a longer request gets 431. */
  static final int MAX_REQUEST_HEAD_BYTES = 8 * 1024;

  private static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final ServerSocket serverSocket;
  private final String path;
  private final String hostLiteral;
  private final int port;
  private final int requestTimeoutMillis;
  private final ThreadPoolExecutor connections;
  private final Thread acceptor;
  private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean consumed = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger foreignCallbacks = new AtomicInteger();
  /** Completed by {@link #await}; a callback arriving earlier waits for it. */
  private final CompletableFuture<Pending> armed = new CompletableFuture<>();
  private final CompletableFuture<AuthorizationResponse> outcome = new CompletableFuture<>();

  /** The login {@link #await} waits for: the flow that checks the callback and its session. */
  private static final class Pending {
    final PkceLoginFlow flow;
    final AuthorizationSession session;

    Pending(PkceLoginFlow flow, AuthorizationSession session) {
      this.flow = flow;
      this.session = session;
    }
  }

  private LoopbackReceiver(Builder b) throws IOException {
    this.path = b.path;
    this.requestTimeoutMillis = (int) b.requestTimeout.toMillis();
    this.serverSocket = new ServerSocket();
    try {
      serverSocket.bind(new InetSocketAddress(b.address, b.port), 50);
    } catch (IOException e) {
      serverSocket.close();
      throw e;
    }
    this.port = serverSocket.getLocalPort();
    this.hostLiteral = b.address instanceof Inet6Address ? "[::1]" : "127.0.0.1";
    this.connections = new ThreadPoolExecutor(0, MAX_CONNECTIONS, 5, TimeUnit.SECONDS,
        new SynchronousQueue<>(), runnable -> daemon(runnable, "pkce4j-loopback-" + port));
    this.acceptor = daemon(this::acceptConnections, "pkce4j-loopback-accept-" + port);
    acceptor.start();
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
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
    return new InetSocketAddress(serverSocket.getInetAddress(), port);
  }

  /**
   * Waits for the callback whose {@code state} is {@code session}'s, checks it and returns its
   * code; closes the receiver in every case. Callbacks with another {@code state} are answered
   * with 400 and do not end the wait.
   *
   * @throws TimeoutException if no matching callback arrived within {@code timeout}
   * @throws io.github.pkce4j.client.ResponseRejectedException if the matching callback's issuer
   *     did not match, or it was malformed
   * @throws io.github.pkce4j.client.OAuthErrorException if the server redirected with an error
   * @throws InterruptedException if the thread was interrupted while waiting
   * @throws UncheckedIOException if the receiver could no longer accept connections
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
    armed.complete(new Pending(flow, session));
    try {
      return outcome.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      int foreign = foreignCallbacks.get();
      throw new TimeoutException("no redirect arrived at " + redirectUri() + " within "
          + (timeout.getSeconds() > 0 ? timeout.getSeconds() + " s" : timeout.toMillis() + " ms")
          + (foreign == 0 ? "" : "; " + foreign
          + (foreign == 1 ? " callback with another state was"
              : " callbacks with another state were") + " refused"
          + " (RFC 6749 section 10.12)"));
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

  private void acceptConnections() {
    while (!closed.get()) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (!closed.get()) {
          outcome.completeExceptionally(new UncheckedIOException(
              "the loopback receiver at " + redirectUri() + " stopped accepting connections", e));
          close();
        }
        return;
      }
      openSockets.add(socket);
      try {
        connections.execute(() -> serve(socket));
      } catch (RejectedExecutionException e) {
        closeQuietly(socket); // over MAX_CONNECTIONS, or closing: this one is dropped alone
      }
      if (closed.get()) {
        closeQuietly(socket);
      }
    }
  }

  private void serve(Socket socket) {
    try {
      Request request = Request.read(socket, requestTimeoutMillis);
      if (request.status != 0) {
        respond(socket, request.status, reason(request.status),
            "This is not a request this page answers.");
        return;
      }
      if (!isOnCallbackPath(request)) {
        respond(socket, 404, "Not found", "Nothing here.");
        return;
      }
      Pending pending = awaitArmed();
      if (pending == null) {
        respond(socket, 503, "Login cancelled", "The application stopped waiting.");
        return;
      }
      if (!hasState(request.query, pending.session.state())) {
        foreignCallbacks.incrementAndGet();
        respond(socket, 400, "Not this login", "This request does not belong to the login in"
            + " progress and was ignored. To sign in, use the window the application opened.");
        return;
      }
      if (!consumed.compareAndSet(false, true)) {
        respond(socket, 404, "Not found", "Nothing here.");
        return;
      }
      finish(socket, pending, request);
    } catch (IOException e) {
      // The peer went away or was too slow; only this connection is lost.
    } finally {
      closeQuietly(socket);
    }
  }

  private boolean isOnCallbackPath(Request request) {
    return "GET".equals(request.method)
        && path.equals(request.rawPath)
        && (hostLiteral + ":" + port).equalsIgnoreCase(request.host)
        && !closed.get();
  }

  /** The flow and session once {@link #await} has named them; null if the receiver closed. */
  private Pending awaitArmed() {
    try {
      return armed.get();
    } catch (ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Checks the state-matching callback, answers the browser, then lets {@link #await} return. */
  private void finish(Socket socket, Pending pending, Request request) throws IOException {
    AuthorizationResponse accepted = null;
    RuntimeException refused = null;
    try {
      String url = "http://" + hostLiteral + ":" + port + path
          + (request.query == null ? "" : "?" + request.query);
      try {
        accepted = pending.flow.parseRedirect(pending.session, url);
      } catch (RuntimeException e) {
        refused = e;
      }
      if (accepted != null) {
        respond(socket, 200, "Login complete",
            "You are signed in. You can close this tab and return to the application.");
      } else if (refused instanceof PkceException) {
        respond(socket, 400, "Login failed", "The login did not complete ("
            + htmlEscape(((PkceException) refused).errorCode())
            + "). Return to the application and try again.");
      } else {
        respond(socket, 500, "Login failed", "Return to the application and try again.");
      }
    } finally {
      // Only now, with the page sent, may await() return and close the receiver.
      if (accepted != null) {
        outcome.complete(accepted);
      } else if (refused != null) {
        outcome.completeExceptionally(refused);
      }
    }
  }

  /**
   * Whether the query has exactly one {@code state} and it equals {@code expected}, compared in
   * constant time. Parameters are decoded as {@code application/x-www-form-urlencoded}, as
   * {@link PkceLoginFlow#parseRedirect} does; a part that does not decode is not a state.
   */
  static boolean hasState(String query, String expected) {
    if (query == null) {
      return false;
    }
    String found = null;
    int count = 0;
    for (String part : query.split("&", -1)) {
      int equals = part.indexOf('=');
      String name = decodeOrNull(equals < 0 ? part : part.substring(0, equals));
      if ("state".equals(name)) {
        count++;
        found = equals < 0 ? "" : decodeOrNull(part.substring(equals + 1));
      }
    }
    return count == 1 && found != null && MessageDigest.isEqual(
        found.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeOrNull(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void respond(Socket socket, int status, String title, String text)
      throws IOException {
    byte[] page = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title
        + "</title></head><body><h1>" + title + "</h1><p>" + text + "</p></body></html>")
        .getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\n"
        + "Content-Type: text/html; charset=utf-8\r\n"
        + "Content-Length: " + page.length + "\r\n"
        + "Cache-Control: no-store\r\n"
        + "Referrer-Policy: no-referrer\r\n"
        + "X-Content-Type-Options: nosniff\r\n"
        + "Content-Security-Policy: default-src 'none'\r\n"
        + "Connection: close\r\n\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(page);
    out.flush();
    socket.shutdownOutput();
  }

  private static String reason(int status) {
    switch (status) {
      case 200: return "OK";
      case 400: return "Bad Request";
      case 404: return "Not Found";
      case 408: return "Request Timeout";
      case 431: return "Request Header Fields Too Large";
      case 503: return "Service Unavailable";
      default: return "Internal Server Error";
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

  private void closeQuietly(Socket socket) {
    openSockets.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // Closing is best effort; the socket is unusable either way.
    }
  }

  /** Stops listening, drops every open connection and releases the port; idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      IllegalStateException closedException = new IllegalStateException("the receiver was closed");
      armed.completeExceptionally(closedException);
      try {
        serverSocket.close();
      } catch (IOException e) {
        // The port is released either way.
      }
      awaitAcceptorExit();
      for (Socket socket : openSockets) {
        closeQuietly(socket);
      }
      connections.shutdownNow();
      outcome.completeExceptionally(closedException);
    }
  }

  /**
   * The socket's file descriptor is released only once the thread blocked in {@code accept()}
   * has left it, so wait for that: after {@link #close()} the port is free to bind again.
   */
  private void awaitAcceptorExit() {
    if (Thread.currentThread() == acceptor) {
      return;
    }
    try {
      acceptor.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "LoopbackReceiver[" + redirectUri() + "]";
  }

  /**
   * One HTTP/1.x request head (RFC 9112 §2–3), read within a deadline and a size bound; the
   * body, which no callback has, is never read. {@code status} is 0 if the head is well-formed, else
   * the status to answer with.
   */
  private static final class Request {
    final int status;
    final String method;
    final String rawPath;
    final String query; // null if the target has no '?'
    final String host; // null if absent

    private Request(int status, String method, String rawPath, String query, String host) {
      this.status = status;
      this.method = method;
      this.rawPath = rawPath;
      this.query = query;
      this.host = host;
    }

    private static Request refused(int status) {
      return new Request(status, null, null, null, null);
    }

    static Request read(Socket socket, int timeoutMillis) throws IOException {
      String head;
      try {
        head = readHead(socket, timeoutMillis);
      } catch (SocketTimeoutException e) {
        return refused(408);
      }
      return head == null ? refused(431) : parse(head);
    }

    /** The head up to the blank line, as ISO-8859-1; null if longer than the bound. */
    private static String readHead(Socket socket, int timeoutMillis) throws IOException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[MAX_REQUEST_HEAD_BYTES];
      int length = 0;
      while (length < buffer.length) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          throw new SocketTimeoutException("request head not complete in time");
        }
        socket.setSoTimeout((int) left);
        int n = in.read(buffer, length, buffer.length - length);
        if (n < 0) {
          throw new IOException("connection closed before the request head ended");
        }
        int searchFrom = Math.max(0, length - 3);
        length += n;
        for (int i = searchFrom; i + 3 < length; i++) {
          if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r'
              && buffer[i + 3] == '\n') {
            return new String(buffer, 0, i, StandardCharsets.ISO_8859_1);
          }
        }
      }
      return null;
    }

    private static Request parse(String head) {
      String[] lines = head.split("\r\n", -1);
      String[] requestLine = lines[0].split(" ", -1);
      if (requestLine.length != 3 || !requestLine[1].startsWith("/")
          || !(requestLine[2].equals("HTTP/1.1") || requestLine[2].equals("HTTP/1.0"))) {
        return refused(400);
      }
      String host = null;
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        String name = colon <= 0 ? "" : lines[i].substring(0, colon);
        if (name.isEmpty() || name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0) {
          return refused(400); // RFC 9112 section 5.1: no whitespace in or after a field name
        }
        if (name.toLowerCase(Locale.ROOT).equals("host")) {
          if (host != null) {
            return refused(400); // RFC 9112 §3.2: more than one Host is a bad request
          }
          host = lines[i].substring(colon + 1).trim();
        }
      }
      String target = requestLine[1];
      int question = target.indexOf('?');
      return new Request(0, requestLine[0], question < 0 ? target : target.substring(0, question),
          question < 0 ? null : target.substring(question + 1), host);
    }
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
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;

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
     * How long one connection may take to send its request line and headers before it is
     * answered with 408 and closed; default 10 seconds. A browser sends them at once; the bound
     * keeps a silent connection from holding a thread.
     *
     * @throws IllegalArgumentException unless it is between 1 millisecond and 10 minutes
     */
    public Builder requestTimeout(Duration requestTimeout) {
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      if (requestTimeout.toMillis() < 1 || requestTimeout.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("requestTimeout must be between 1 ms and 10 minutes");
      }
      this.requestTimeout = requestTimeout;
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
