package io.github.pkce4j.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.ClientAuthentication;
import io.github.pkce4j.client.OAuthErrorException;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.ResponseRejectedException;
import io.github.pkce4j.tck.TestServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 8252 §7.3 and §8.3: the loopback redirect receiver, over real sockets. */
class LoopbackReceiverTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final PkceLoginFlow flow =
      TestServers.flow("https://as.example.com", ClientAuthentication.none());

  /** A raw HTTP/1.1 request, so tests control every byte (method, path, Host). */
  static Answer send(int port, String method, String target, String host) throws IOException {
    return sendRaw(port, method + " " + target + " HTTP/1.1\r\nHost: " + host
        + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  }

  /** Sends {@code request} as it is and reads the whole answer. */
  static Answer sendRaw(int port, String request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      BufferedReader in = new BufferedReader(
          new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String statusLine = in.readLine();
      if (statusLine == null) {
        throw new IOException("the receiver closed the connection without an answer");
      }
      StringBuilder rest = new StringBuilder();
      for (String line; (line = in.readLine()) != null; ) {
        rest.append(line).append('\n');
      }
      return new Answer(Integer.parseInt(statusLine.split(" ")[1]), rest.toString());
    }
  }

  static Answer get(LoopbackReceiver receiver, String target) throws IOException {
    return send(receiver.port(), "GET", target, "127.0.0.1:" + receiver.port());
  }

  static final class Answer {
    final int status;
    final String headersAndBody;

    Answer(int status, String headersAndBody) {
      this.status = status;
      this.headersAndBody = headersAndBody;
    }
  }

  private static void assertPortFree(int port) throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
    }
  }

  @Test
  void start_bindsLoopbackIpLiteralOnEphemeralPort() throws IOException {
    try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
      assertTrue(receiver.address().getAddress().isLoopbackAddress());
      assertEquals("127.0.0.1", receiver.address().getAddress().getHostAddress());
      assertTrue(receiver.port() > 0);
      assertEquals("http://127.0.0.1:" + receiver.port() + "/callback", receiver.redirectUri());
    }
  }

  @Test
  void await_callbackOnExactPath_returnsCodeAnswersPageAndReleasesPort() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    CompletableFuture<Answer> browser = CompletableFuture.supplyAsync(() -> unchecked(
        () -> get(receiver, "/callback?code=abc&state=" + session.state())));

    AuthorizationResponse response = receiver.await(flow, session, WAIT);

    assertEquals("abc", response.code());
    Answer page = browser.get();
    assertEquals(200, page.status);
    assertTrue(page.headersAndBody.contains("You can close this tab"), page.headersAndBody);
    assertTrue(page.headersAndBody.toLowerCase().contains("referrer-policy: no-referrer"));
    assertTrue(page.headersAndBody.toLowerCase().contains("cache-control: no-store"));
    assertPortFree(receiver.port());
  }

  @Test
  void await_callbackBeforeAwait_isHeldAndAccepted() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    CompletableFuture<Answer> browser = CompletableFuture.supplyAsync(() -> unchecked(
        () -> get(receiver, "/callback?code=early&state=" + session.state())));
    Thread.sleep(200); // let the callback arrive first; correctness does not depend on it

    assertEquals("early", receiver.await(flow, session, WAIT).code());
    assertEquals(200, browser.get().status);
  }

  @Test
  void forgedCallbackWithWrongState_gets400AndTheLoginWaitsForTheRealOne() throws Exception {
    // Security review finding 5: a callback with a wrong state, shaped as a cross-site <img> or
    // no-cors fetch from a web page would send it, must not end the user's login.
    LoopbackReceiver receiver = LoopbackReceiver.start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    CompletableFuture<AuthorizationResponse> login = awaitInBackground(receiver, session, WAIT);

    Answer forged = sendRaw(receiver.port(), "GET /callback?code=x&state=x HTTP/1.1\r\nHost: "
        + "127.0.0.1:" + receiver.port() + "\r\nOrigin: https://evil.example\r\n"
        + "Sec-Fetch-Site: cross-site\r\nConnection: close\r\n\r\n");

    assertEquals(400, forged.status);
    assertTrue(forged.headersAndBody.toLowerCase().contains("cache-control: no-store"));
    assertTrue(forged.headersAndBody.contains("does not belong to the login in progress"),
        forged.headersAndBody);
    assertFalse(login.isDone(), "the forged callback did not end the login");
    Answer real = get(receiver, "/callback?code=REAL&state=" + session.state());
    assertEquals(200, real.status);
    assertEquals("REAL", login.get().code());
    assertPortFree(receiver.port());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/callback?code=x", "/callback", "/callback?code=x&state=",
      "/callback?code=x&state=%zz", "/callback?error=access_denied&state=x"})
  void callbackWithoutTheSessionsState_gets400AndTheLoginWaits(String target) throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    CompletableFuture<AuthorizationResponse> login = awaitInBackground(receiver, session, WAIT);

    assertEquals(400, get(receiver, target).status);

    assertFalse(login.isDone());
    assertEquals(200, get(receiver, "/callback?code=REAL&state=" + session.state()).status);
    assertEquals("REAL", login.get().code());
  }

  @Test
  void callbackWithStateTwice_gets400EvenIfOneMatches() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    CompletableFuture<AuthorizationResponse> login = awaitInBackground(receiver, session, WAIT);

    assertEquals(400, get(receiver, "/callback?code=x&state=" + session.state()
        + "&state=" + session.state()).status);

    assertFalse(login.isDone());
    assertEquals(200, get(receiver, "/callback?code=REAL&state=" + session.state()).status);
    assertEquals("REAL", login.get().code());
  }

  @Test
  void realRedirect_isACrossSiteNavigation_andIsAccepted() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    CompletableFuture<AuthorizationResponse> login = awaitInBackground(receiver, session, WAIT);

    Answer page = sendRaw(receiver.port(), "GET /callback?code=abc&state=" + session.state()
        + " HTTP/1.1\r\nHost: 127.0.0.1:" + receiver.port() + "\r\nSec-Fetch-Site: cross-site\r\n"
        + "Sec-Fetch-Mode: navigate\r\nSec-Fetch-Dest: document\r\nConnection: close\r\n\r\n");

    assertEquals(200, page.status);
    assertEquals("abc", login.get().code());
  }

  @Test
  void onlyForgedCallbacks_timeoutSaysHowManyWereRefused() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    CompletableFuture<AuthorizationResponse> login =
        awaitInBackground(receiver, session, Duration.ofSeconds(3));
    assertEquals(400, get(receiver, "/callback?code=abc&state=forged").status);

    ExecutionException e = assertThrows(ExecutionException.class, login::get);

    assertTrue(e.getCause() instanceof TimeoutException, e.getCause().toString());
    assertEquals("no redirect arrived at " + receiver.redirectUri() + " within 3 s; 1 callback"
        + " with another state was refused (RFC 6749 section 10.12)", e.getCause().getMessage());
  }

  @Test
  void stateMatchingCallbackWithWrongIssuer_endsTheLogin() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    CompletableFuture<Answer> browser = CompletableFuture.supplyAsync(() -> unchecked(
        () -> get(receiver, "/callback?code=abc&iss=https%3A%2F%2Fother.example&state="
            + session.state())));

    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> receiver.await(flow, session, WAIT));

    assertEquals(ResponseRejectedException.ISSUER_MISMATCH, e.errorCode());
    Answer page = browser.get();
    assertEquals(400, page.status);
    assertTrue(page.headersAndBody.contains("issuer_mismatch"), page.headersAndBody);
    assertPortFree(receiver.port());
  }

  @Test
  void twoHalfSentConnections_doNotDelayTheRealCallback() throws Exception {
    // Security review finding 6: two connections that send one byte and stall held both threads
    // of the old server until the login timed out. The request timeout here is longer than the
    // login's, so only serving each connection on its own lets the callback through in time.
    LoopbackReceiver receiver = LoopbackReceiver.builder()
        .requestTimeout(Duration.ofMinutes(5)).start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    CompletableFuture<AuthorizationResponse> login = awaitInBackground(receiver, session, WAIT);
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), receiver.port());
        socket.getOutputStream().write('G');
        socket.getOutputStream().flush();
        stalled.add(socket);
      }
      long start = System.nanoTime();

      Answer real = get(receiver, "/callback?code=REAL&state=" + session.state());

      assertEquals(200, real.status);
      assertEquals("REAL", login.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).code());
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(elapsedMillis < WAIT.toMillis() / 2, "served after " + elapsedMillis + " ms");
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
  }

  @Test
  void silentConnection_isAnswered408AfterTheRequestTimeout() throws Exception {
    try (LoopbackReceiver receiver = LoopbackReceiver.builder()
        .requestTimeout(Duration.ofMillis(200)).start()) {
      Answer answer = sendRaw(receiver.port(), "GET /callback?code=x");
      assertEquals(408, answer.status);
    }
  }

  @Test
  void connectionsOverTheBound_areClosedAtOnceAndOthersStillServed() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.builder()
        .requestTimeout(Duration.ofMinutes(5)).start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    CompletableFuture<AuthorizationResponse> login = awaitInBackground(receiver, session, WAIT);
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < LoopbackReceiver.MAX_CONNECTIONS; i++) {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), receiver.port());
        socket.getOutputStream().write('G');
        stalled.add(socket);
      }
      // Each stalled connection is being served once the next one is refused; wait for that.
      boolean refused = false;
      for (int i = 0; i < 100 && !refused; i++) {
        try (Socket extra = new Socket(InetAddress.getByName("127.0.0.1"), receiver.port())) {
          extra.setSoTimeout(20_000);
          refused = extra.getInputStream().read() < 0;
        } catch (IOException e) {
          refused = true; // reset by the receiver: closed as well
        }
      }
      assertTrue(refused, "a connection over the bound is closed without waiting");

      stalled.remove(0).close(); // one slot frees up
      Answer real = null;
      for (int i = 0; i < 100 && real == null; i++) {
        try {
          real = get(receiver, "/callback?code=REAL&state=" + session.state());
        } catch (IOException e) {
          Thread.sleep(20); // still over the bound until the freed slot is seen
        }
      }
      assertEquals(200, real.status);
      assertEquals("REAL", login.get().code());
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
  }

  @Test
  void malformedRequests_getAnErrorAndDoNotConsumeTheCallback() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    String host = "Host: 127.0.0.1:" + receiver.port() + "\r\n";
    String callback = "/callback?code=x&state=" + session.state();

    assertEquals(400, sendRaw(receiver.port(), "GET " + callback + " HTTP/1.1\r\n" + host + host
        + "\r\n").status, "RFC 9112 section 3.2: two Host headers");
    assertEquals(400, sendRaw(receiver.port(), "GET " + callback + " HTTP/2.0\r\n" + host
        + "\r\n").status);
    assertEquals(400, sendRaw(receiver.port(), "GET  " + callback + " HTTP/1.1\r\n" + host
        + "\r\n").status);
    assertEquals(400, sendRaw(receiver.port(), "GET http://127.0.0.1" + callback
        + " HTTP/1.1\r\n" + host + "\r\n").status);
    assertEquals(400, sendRaw(receiver.port(), "GET " + callback + " HTTP/1.1\r\n" + host
        + "no colon\r\n\r\n").status);
    assertEquals(400, sendRaw(receiver.port(), "GET " + callback + " HTTP/1.1\r\nHost : 127.0.0.1:"
        + receiver.port() + "\r\n\r\n").status, "RFC 9112 section 5.1: space before the colon");
    char[] big = new char[LoopbackReceiver.MAX_REQUEST_HEAD_BYTES];
    Arrays.fill(big, 'a');
    assertEquals(431, sendRaw(receiver.port(), "GET " + callback + " HTTP/1.1\r\n" + host
        + "X: " + new String(big) + "\r\n\r\n").status);
    assertEquals(404, sendRaw(receiver.port(), "GET " + callback + " HTTP/1.1\r\n\r\n").status,
        "no Host");

    CompletableFuture<Answer> browser =
        CompletableFuture.supplyAsync(() -> unchecked(() -> get(receiver, callback)));
    assertEquals("x", receiver.await(flow, session, WAIT).code());
    assertEquals(200, browser.get().status);
  }

  @Test
  void hasState_exactlyOneEqualState() {
    String state = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    assertTrue(LoopbackReceiver.hasState("code=a&state=" + state, state));
    assertTrue(LoopbackReceiver.hasState("state=" + state + "&code=a", state));
    assertTrue(LoopbackReceiver.hasState("st%61te=" + state.replace("-", "%2D"), state),
        "form-decoded like parseRedirect");
    assertFalse(LoopbackReceiver.hasState(null, state));
    assertFalse(LoopbackReceiver.hasState("", state));
    assertFalse(LoopbackReceiver.hasState("code=a", state));
    assertFalse(LoopbackReceiver.hasState("state", state));
    assertFalse(LoopbackReceiver.hasState("state=", state));
    assertFalse(LoopbackReceiver.hasState("state=" + state + "x", state));
    assertFalse(LoopbackReceiver.hasState("state=" + state.substring(1), state));
    assertFalse(LoopbackReceiver.hasState("state=" + state + "&state=" + state, state));
    assertFalse(LoopbackReceiver.hasState("state=" + state + "%zz", state));
    assertFalse(LoopbackReceiver.hasState("xstate=" + state, state));
    assertTrue(LoopbackReceiver.hasState("%zz=1&state=" + state, state),
        "an undecodable other parameter is not a state");
  }

  @Test
  void builder_requestTimeoutOutOfRange_throws() {
    assertThrows(IllegalArgumentException.class,
        () -> LoopbackReceiver.builder().requestTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> LoopbackReceiver.builder().requestTimeout(Duration.ofMinutes(11)));
    assertThrows(NullPointerException.class,
        () -> LoopbackReceiver.builder().requestTimeout(null));
  }

  private CompletableFuture<AuthorizationResponse> awaitInBackground(LoopbackReceiver receiver,
      AuthorizationSession session, Duration timeout) {
    CompletableFuture<AuthorizationResponse> login = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        login.complete(receiver.await(flow, session, timeout));
      } catch (Exception e) {
        login.completeExceptionally(e);
      }
    });
    thread.setDaemon(true);
    thread.start();
    return login;
  }

  @Test
  void await_errorRedirect_throwsOAuthErrorAndEscapesItInThePage() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    CompletableFuture<Answer> browser = CompletableFuture.supplyAsync(() -> unchecked(
        () -> get(receiver, "/callback?error=%3Cscript%3E&state=" + session.state())));

    OAuthErrorException e = assertThrows(OAuthErrorException.class,
        () -> receiver.await(flow, session, WAIT));

    assertEquals("<script>", e.errorCode());
    Answer page = browser.get();
    assertTrue(page.headersAndBody.contains("&lt;script&gt;"), page.headersAndBody);
    assertTrue(!page.headersAndBody.contains("<script>"), page.headersAndBody);
  }

  @Test
  void secondMatchingCallback_gets404AndFirstWins() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    CompletableFuture<AuthorizationResponse> login = awaitInBackground(receiver, session, WAIT);

    Answer first = get(receiver, "/callback?code=first&state=" + session.state());
    assertEquals(200, first.status);
    assertEquals("first", login.get().code());
    // The port may already be closed; if a second callback still gets in, it is refused.
    try {
      assertEquals(404, get(receiver, "/callback?code=second&state=" + session.state()).status);
    } catch (IOException closed) {
      assertPortFree(receiver.port());
    }
  }

  @Test
  void secondMatchingCallbackWhileTheFirstIsHandled_gets404() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    // Both arrive before await(), so both are held; exactly one ends the login.
    List<CompletableFuture<Answer>> browsers = new ArrayList<>();
    for (String code : new String[] {"one", "two"}) {
      browsers.add(CompletableFuture.supplyAsync(() -> unchecked(
          () -> get(receiver, "/callback?code=" + code + "&state=" + session.state()))));
    }
    Thread.sleep(200); // let both arrive; correctness does not depend on it

    String code = receiver.await(flow, session, WAIT).code();

    assertTrue(code.equals("one") || code.equals("two"), code);
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<Answer> browser : browsers) {
      try {
        statuses.add(browser.get().status);
      } catch (ExecutionException closedBeforeAnswer) {
        statuses.add(0); // the loser was still held when await() closed the receiver
      }
    }
    assertTrue(statuses.contains(200), statuses.toString());
    assertTrue(statuses.contains(404) || statuses.contains(503) || statuses.contains(0),
        statuses.toString());
  }

  @Test
  void strayRequests_get404AndDoNotConsumeTheCallback() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    String callback = "/callback?code=abc&state=" + session.state();
    String host = "127.0.0.1:" + receiver.port();

    assertEquals(404, get(receiver, "/favicon.ico").status);
    assertEquals(404, get(receiver, "/").status);
    assertEquals(404, get(receiver, "/callback/").status);
    assertEquals(404, get(receiver, "/callbackx?code=abc&state=" + session.state()).status);
    assertEquals(404, get(receiver, "/CALLBACK?code=abc&state=" + session.state()).status);
    assertEquals(404, send(receiver.port(), "POST", callback, host).status);
    assertEquals(404, send(receiver.port(), "GET", callback, "evil.example:" + receiver.port())
        .status, "DNS rebinding: wrong Host");
    assertEquals(404, send(receiver.port(), "GET", callback, "localhost:" + receiver.port())
        .status);

    CompletableFuture<Answer> browser =
        CompletableFuture.supplyAsync(() -> unchecked(() -> get(receiver, callback)));
    assertEquals("abc", receiver.await(flow, session, WAIT).code());
    assertEquals(200, browser.get().status);
  }

  @Test
  void await_noCallback_timesOutAndReleasesPort() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());

    TimeoutException e = assertThrows(TimeoutException.class,
        () -> receiver.await(flow, session, Duration.ofMillis(300)));

    assertTrue(e.getMessage().startsWith("no redirect arrived at " + receiver.redirectUri()),
        e.getMessage());
    assertPortFree(receiver.port());
    assertThrows(ConnectException.class, () -> get(receiver, "/callback"));
  }

  @Test
  void close_withoutAwait_releasesPort() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.start();
    receiver.close();
    receiver.close();
    assertPortFree(receiver.port());
  }

  @Test
  void await_sessionForAnotherRedirectUri_throwsAndCloses() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.start();
    AuthorizationSession session = flow.newSession("http://127.0.0.1:1/callback");
    assertThrows(IllegalArgumentException.class, () -> receiver.await(flow, session, WAIT));
    assertPortFree(receiver.port());
  }

  @Test
  void receiver_isNotReachableOnNonLoopbackAddress() throws Exception {
    InetAddress external = null;
    for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(nif.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          external = a;
        }
      }
    }
    assumeTrue(external != null, "this machine has no non-loopback IPv4 address");
    try (LoopbackReceiver receiver = LoopbackReceiver.start()) {
      InetAddress target = external;
      assertThrows(IOException.class, () -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(target, receiver.port()), 2_000);
        }
      });
    }
  }

  @Test
  void ipv6_bindsBracketedLoopbackLiteral() throws Exception {
    LoopbackReceiver receiver;
    try {
      receiver = LoopbackReceiver.builder().ipv6().start();
    } catch (IOException e) {
      assumeTrue(false, "no IPv6 loopback here: " + e.getMessage());
      return;
    }
    try {
      assertEquals("http://[::1]:" + receiver.port() + "/callback",
          receiver.redirectUri());
      assertTrue(receiver.address().getAddress().isLoopbackAddress());
    } finally {
      receiver.close();
    }
  }

  @Test
  void builder_customPathAndPort_areUsed() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    LoopbackReceiver receiver = LoopbackReceiver.builder().port(port).path("/oauth/done").start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    assertEquals("http://127.0.0.1:" + port + "/oauth/done", receiver.redirectUri());
    CompletableFuture<Answer> browser = CompletableFuture.supplyAsync(() -> unchecked(
        () -> get(receiver, "/oauth/done?code=x&state=" + session.state())));
    assertEquals("x", receiver.await(flow, session, WAIT).code());
    assertEquals(200, browser.get().status);
  }

  interface IoSupplier<T> {
    T get() throws IOException;
  }

  static <T> T unchecked(IoSupplier<T> supplier) {
    try {
      return supplier.get();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
