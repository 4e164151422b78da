package io.github.pkce4j.cli;

import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.CodeVerifier;
import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.OAuthErrorException;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.ServerMetadata;
import io.github.pkce4j.client.TokenResponse;
import io.github.pkce4j.client.TransportRequest;
import io.github.pkce4j.client.TransportResponse;
import io.github.pkce4j.jdkhttp.JdkHttpTransport;
import io.github.pkce4j.jdkhttp.LoopbackReceiver;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code pkce demo}: a full PKCE login against an embedded authorization server on 127.0.0.1,
 * then the three attacks PKCE stops, each of which must be refused.
 */
@Command(name = "demo",
    description = {
        "Run a full PKCE login against an embedded server, then three attacks it refuses.",
        "The authorization server runs on 127.0.0.1 (PKCE required, S256 only, one-time codes,"
            + " 60 s lifetime, exact redirect match); the demo plays the browser, then shows that"
            + " an intercepted code is refused without the verifier, with a wrong verifier, and"
            + " when replayed.",
        "Exit 0 only if every step behaved as it should."})
final class DemoCommand implements Callable<Integer> {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  private PrintWriter out;
  private boolean allGood = true;

  @Override
  public Integer call() throws IOException, InterruptedException {
    out = spec.commandLine().getOut();
    JdkHttpTransport transport = JdkHttpTransport.builder().timeout(Duration.ofSeconds(10))
        .build();
    try (LoopbackReceiver receiver = LoopbackReceiver.start();
         DemoAuthorizationServer server = new DemoAuthorizationServer(receiver.redirectUri())) {
      out.println("== pkce demo: authorization code flow with PKCE (RFC 7636) ==");
      out.println("authorization server  " + server.issuer() + "  (PKCE required, S256 only,"
          + " one-time codes, 60 s)");
      out.println("loopback redirect     " + receiver.redirectUri() + "  (RFC 8252 §7.3)");

      ServerMetadata metadata = ServerMetadata.discover(server.issuer(), transport);
      out.println("[ok] discovered       " + metadata.tokenEndpoint() + " (RFC 8414, issuer"
          + " checked)");
      PkceLoginFlow flow = PkceLoginFlow.builder(metadata, DemoAuthorizationServer.CLIENT_ID)
          .build();

      // 1. The legitimate login.
      AuthorizationSession session = flow.newSession(receiver.redirectUri());
      String url = flow.authorizationUrl(session);
      out.println("[ok] challenge sent   code_challenge="
          + CodeChallenge.s256(session.codeVerifier()).value() + " code_challenge_method=S256");
      CompletableFuture<Void> browser = CompletableFuture.runAsync(() -> playBrowser(transport,
          url));
      AuthorizationResponse response = receiver.await(flow, session, WAIT);
      browser.join();
      out.println("[ok] code received    code=" + preview(response.code()) + " (state and iss"
          + " checked, RFC 9207)");
      out.println("[ok] verifier sent    code_verifier="
          + preview(session.codeVerifier().value()) + " (the secret only this app holds)");
      TokenResponse tokens = flow.exchange(session, response, transport);
      out.println("[ok] token received   token_type=" + tokens.tokenType() + " expires_in="
          + tokens.expiresInOrNull() + " access_token=" + preview(tokens.accessToken()));

      // 2. The attacks: an attacker who intercepted a code, but not the verifier.
      out.println();
      out.println("== attacks PKCE stops (RFC 7636 §1, RFC 9700 §4.5) ==");
      AuthorizationSession victim = flow.newSession(receiver.redirectUri());
      attack("intercepted code redeemed without the verifier", flow, metadata, transport,
          interceptCode(transport, flow.authorizationUrl(victim)), victim, null);
      AuthorizationSession victim2 = flow.newSession(receiver.redirectUri());
      attack("intercepted code redeemed with a wrong verifier", flow, metadata, transport,
          interceptCode(transport, flow.authorizationUrl(victim2)), victim2,
          CodeVerifier.generate().value());
      attack("used code replayed, even with the right verifier", flow, metadata, transport,
          response.code(), session, session.codeVerifier().value());
    } catch (OAuthErrorException e) {
      out.println("[FAIL] the legitimate login was refused: " + e.getMessage());
      allGood = false;
    } catch (IOException | RuntimeException | java.util.concurrent.TimeoutException e) {
      out.println("[FAIL] " + e.getMessage());
      allGood = false;
    }
    out.println();
    out.println(allGood ? "PKCE did its job: every step behaved as it should."
        : "Something did not behave as it should (see [FAIL] above).");
    return allGood ? 0 : PkceCommand.EXIT_FAILED;
  }

  /** Follows the authorization URL and its redirect, as a browser would. */
  private static void playBrowser(JdkHttpTransport transport, String url) {
    try {
      TransportResponse authorize = transport.execute(TransportRequest.get(url));
      String location = authorize.headerOrNull("Location");
      if (authorize.status() != 302 || location == null) {
        throw new IllegalStateException("authorization endpoint answered HTTP "
            + authorize.status() + " without a redirect");
      }
      transport.execute(TransportRequest.get(location));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Plays the browser up to the redirect and reads the code from it, as an interceptor would. */
  private static String interceptCode(JdkHttpTransport transport, String url) throws IOException {
    TransportResponse authorize = transport.execute(TransportRequest.get(url));
    String location = authorize.headerOrNull("Location");
    String query = location == null ? "" : URI.create(location).getRawQuery();
    for (String pair : query.split("&")) {
      if (pair.startsWith("code=")) {
        return pair.substring("code=".length());
      }
    }
    throw new IllegalStateException("the authorization server issued no code");
  }

  private void attack(String name, PkceLoginFlow flow, ServerMetadata metadata,
      JdkHttpTransport transport, String code, AuthorizationSession session, String verifier)
      throws IOException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", session.redirectUri());
    form.put("client_id", flow.clientId());
    if (verifier != null) {
      form.put("code_verifier", verifier);
    }
    TransportResponse answer = transport.execute(
        TransportRequest.postForm(metadata.tokenEndpoint(), form));
    try {
      flow.tokenResponse(answer);
      out.println("[FAIL] " + name + ": the server issued a token");
      allGood = false;
    } catch (OAuthErrorException e) {
      boolean expected = e.errorCode().equals("invalid_grant");
      out.println((expected ? "[ok] refused          " : "[FAIL] refused with the wrong code ")
          + name + ": HTTP " + e.httpStatus() + " " + e.errorCode() + " ("
          + (e.errorDescriptionOrNull() == null ? "no description" : e.errorDescriptionOrNull())
          + ")");
      allGood &= expected;
    }
  }

  /** The first characters of a throwaway demo secret, enough to follow it between steps. */
  private static String preview(String secret) {
    return secret.length() <= 8 ? secret : secret.substring(0, 8) + "…";
  }
}
