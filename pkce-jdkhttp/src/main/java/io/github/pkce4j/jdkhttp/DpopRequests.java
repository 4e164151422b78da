package io.github.pkce4j.jdkhttp;

import io.github.pkce4j.client.DpopProofs;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Calls APIs with a DPoP-bound access token on {@code java.net.http} (RFC 9449 section 7.1):
 * each request is sent with {@code Authorization: DPoP <token>} and a fresh proof with {@code
 * ath}; a resource server's nonce challenge (a 401 with {@code WWW-Authenticate: DPoP
 * error="use_dpop_nonce"} and a {@code DPoP-Nonce}, section 9) is answered by sending the request
 * exactly once more with a new proof carrying the nonce. A {@code DPoP-Nonce} on any answer is
 * remembered for the next request to that server.
 *
 * <pre>{@code
 * DpopRequests api = DpopRequests.create(HttpClient.newHttpClient(), flow.dpopProofsOrNull());
 * HttpResponse<String> me = api.send(HttpRequest.newBuilder(URI.create("https://api.example.com/me")).build(),
 *     tokens.accessToken(), HttpResponse.BodyHandlers.ofString());
 * }</pre>
 *
 * <p>The first answer of a retried exchange is read by the body handler and dropped. The
 * request's body publisher is used twice then; the JDK's own ({@code ofString}, {@code
 * ofByteArray}, ...) can be.
 *
 * <p>Security: the token and the proof travel in headers; proofs are made only for https URLs,
 * or http on a loopback IP literal. Thread-safe.
 *
 * @since 0.1.0
 */
public final class DpopRequests {
  private final HttpClient client;
  private final DpopProofs proofs;

  private DpopRequests(HttpClient client, DpopProofs proofs) {
    this.client = client;
    this.proofs = proofs;
  }

  /**
   * Sends through {@code client}, signing with {@code proofs} (the instance the login flow used,
   * so the key and the servers' nonces are shared).
   */
  public static DpopRequests create(HttpClient client, DpopProofs proofs) {
    return new DpopRequests(Objects.requireNonNull(client, "client"),
        Objects.requireNonNull(proofs, "proofs"));
  }

  /**
   * A copy of {@code request} with {@code Authorization: DPoP <accessToken>} and a fresh {@code
   * DPoP} proof (replacing any the request had), for callers who send it themselves.
   *
   * @throws IllegalArgumentException if the token has a character outside visible ASCII, or the
   *     URL is neither https nor http on a loopback IP literal
   */
  public HttpRequest sign(HttpRequest request, String accessToken) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(accessToken, "accessToken");
    String proof = proofs.proof(request.method(), request.uri().toString(), accessToken);
    HttpRequest.Builder copy = HttpRequest.newBuilder(request.uri())
        .expectContinue(request.expectContinue());
    request.timeout().ifPresent(copy::timeout);
    request.version().ifPresent(copy::version);
    for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
      String name = header.getKey();
      if (!name.equalsIgnoreCase("Authorization") && !name.equalsIgnoreCase(DpopProofs.HEADER)) {
        for (String value : header.getValue()) {
          copy.header(name, value);
        }
      }
    }
    copy.method(request.method(),
        request.bodyPublisher().orElse(HttpRequest.BodyPublishers.noBody()));
    return copy.header("Authorization", "DPoP " + accessToken)
        .header(DpopProofs.HEADER, proof)
        .build();
  }

  /**
   * Sends {@code request} signed for {@code accessToken}, blocking, and retries a nonce
   * challenge once.
   */
  public <T> HttpResponse<T> send(HttpRequest request, String accessToken,
      HttpResponse.BodyHandler<T> handler) throws IOException, InterruptedException {
    Objects.requireNonNull(handler, "handler");
    HttpResponse<T> response = client.send(sign(request, accessToken), handler);
    return isRetry(request, response) ? client.send(sign(request, accessToken), handler) : response;
  }

  /** As {@link #send}, without blocking. */
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, String accessToken,
      HttpResponse.BodyHandler<T> handler) {
    Objects.requireNonNull(handler, "handler");
    return client.sendAsync(sign(request, accessToken), handler).thenCompose(response ->
        isRetry(request, response)
            ? client.sendAsync(sign(request, accessToken), handler)
            : CompletableFuture.completedFuture(response));
  }

  /** Remembers the answer's nonce; whether it is a nonce challenge to answer (section 9). */
  private boolean isRetry(HttpRequest request, HttpResponse<?> response) {
    boolean remembered = proofs.rememberNonce(request.uri().toString(),
        response.headers().firstValue(DpopProofs.NONCE_HEADER).orElse(null));
    return remembered && response.statusCode() == 401
        && response.headers().allValues("WWW-Authenticate").stream()
            .anyMatch(DpopProofs::isNonceChallenge);
  }

  /** The key's thumbprint; never a token. */
  @Override
  public String toString() {
    return "DpopRequests[" + proofs.key() + "]";
  }
}
