package io.github.pkce4j.jdkhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.OAuthErrorException;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.ResponseRejectedException;
import io.github.pkce4j.client.ServerMetadata;
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
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** RFC 8252 §7.3 and §8.3: the loopback redirect receiver, over real sockets. */
class LoopbackReceiverTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final PkceLoginFlow flow = PkceLoginFlow.builder(
      ServerMetadata.builder("https://as.example.com")
          .authorizationEndpoint("https://as.example.com/authorize")
          .tokenEndpoint("https://as.example.com/token").build(), "client").build();

  /** A raw HTTP/1.1 request, so tests control every byte (method, path, Host). */
  static Answer send(int port, String method, String target, String host) throws IOException {
    try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write((method + " " + target + " HTTP/1.1\r\nHost: " + host
          + "\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(
          new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      String statusLine = in.readLine();
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
  void await_wrongState_throwsStateMismatchAndTellsBrowser() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    CompletableFuture<Answer> browser = CompletableFuture.supplyAsync(() -> unchecked(
        () -> get(receiver, "/callback?code=abc&state=forged")));

    ResponseRejectedException e = assertThrows(ResponseRejectedException.class,
        () -> receiver.await(flow, session, WAIT));

    assertEquals(ResponseRejectedException.STATE_MISMATCH, e.errorCode());
    Answer page = browser.get();
    assertEquals(400, page.status);
    assertTrue(page.headersAndBody.contains("state_mismatch"), page.headersAndBody);
    assertPortFree(receiver.port());
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
  void secondCallback_gets404AndFirstWins() throws Exception {
    LoopbackReceiver receiver = LoopbackReceiver.start();
    AuthorizationSession session = flow.newSession(receiver.redirectUri());
    CompletableFuture<Answer> first = CompletableFuture.supplyAsync(() -> unchecked(
        () -> get(receiver, "/callback?code=first&state=" + session.state())));
    // The first callback is held until await(); wait until it has been taken.
    Answer second = null;
    for (int i = 0; i < 200 && second == null; i++) {
      Thread.sleep(20);
      Answer a = get(receiver, "/callback?code=second&state=" + session.state());
      if (a.status == 404) {
        second = a;
      }
    }

    assertEquals(404, second.status);
    assertEquals("first", receiver.await(flow, session, WAIT).code());
    assertEquals(200, first.get().status);
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
