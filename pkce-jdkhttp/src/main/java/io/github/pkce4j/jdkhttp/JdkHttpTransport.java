package io.github.pkce4j.jdkhttp;

import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.HttpTransport;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.PushedAuthorization;
import io.github.pkce4j.client.RefreshRequest;
import io.github.pkce4j.client.RefreshedTokens;
import io.github.pkce4j.client.ResponseTooLargeException;
import io.github.pkce4j.client.TokenResponse;
import io.github.pkce4j.client.TokenTypeHint;
import io.github.pkce4j.client.TransportFailures;
import io.github.pkce4j.client.TransportRequest;
import io.github.pkce4j.client.TransportResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pkce4j {@link HttpTransport} on {@code java.net.http.HttpClient}: blocking {@link
 * #execute}, and {@link #executeAsync}/{@link #exchangeAsync} returning a {@code
 * CompletableFuture} that can be cancelled.
 *
 * <pre>{@code
 * JdkHttpTransport transport = JdkHttpTransport.create();
 * ServerMetadata metadata = ServerMetadata.discover("https://login.example.com", transport);
 * TokenResponse tokens = flow.exchange(session, response, transport);          // blocking
 * CompletableFuture<TokenResponse> later = transport.exchangeAsync(flow, session, response);
 * CompletableFuture<RefreshedTokens> fresh =
 *     transport.refreshAsync(flow, RefreshRequest.of(refreshToken));
 * }</pre>
 *
 * <p>Never follows redirects (a client passed to the builder must use {@code
 * HttpClient.Redirect.NEVER}); reads at most {@link TransportRequest#maxResponseBytes()} of a
 * body; the {@linkplain Builder#timeout(Duration) timeout} covers the whole exchange, body
 * included, so a server that trickles its body cannot hold the caller.
 *
 * <p>Thread-safe; share one instance.
 *
 * @since 0.1.0
 */
public final class JdkHttpTransport implements HttpTransport {
  /** Default bound on a whole exchange: 30 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client;
  private final Duration timeout;

  private JdkHttpTransport(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** A transport on a new {@code HttpClient} with the default timeout, not following redirects. */
  public static JdkHttpTransport create() {
    return builder().build();
  }

  /** Starts a builder. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public TransportResponse execute(TransportRequest request) throws IOException {
    CompletableFuture<TransportResponse> future = executeAsync(request);
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted =
          new InterruptedIOException("interrupted while waiting for " + request.url());
      interrupted.initCause(e);
      throw interrupted;
    } catch (ExecutionException e) {
      throw asIoException(e.getCause(), request);
    }
  }

  /**
   * Sends {@code request} without blocking. The future completes with the response, or
   * exceptionally with an {@link IOException} ({@link ResponseTooLargeException}, {@link
   * HttpTimeoutException}, ...). Cancelling it abandons the exchange.
   */
  public CompletableFuture<TransportResponse> executeAsync(TransportRequest request) {
    Objects.requireNonNull(request, "request");
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url()))
        .timeout(timeout);
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    byte[] body = request.bodyOrNull();
    if (body == null) {
      builder.GET();
    } else {
      builder.POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }
    int limit = request.maxResponseBytes();
    CompletableFuture<HttpResponse<byte[]>> sent = client.sendAsync(builder.build(),
        info -> new BoundedSubscriber(limit, request.url(),
            info.headers().firstValueAsLong("Content-Length").orElse(-1)));
    CompletableFuture<TransportResponse> result = sent
        .thenApply(r -> TransportResponse.of(r.statusCode(), r.headers().map(), r.body()))
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    CompletableFuture<TransportResponse> outer = new CompletableFuture<>();
    result.whenComplete((response, failure) -> {
      if (failure == null) {
        outer.complete(response);
        return;
      }
      sent.cancel(true);
      outer.completeExceptionally(asIoException(failure, request));
    });
    outer.whenComplete((response, failure) -> {
      if (failure instanceof CancellationException) {
        sent.cancel(true);
      }
    });
    return outer;
  }

  /**
   * Redeems the code without blocking: sends {@link PkceLoginFlow#tokenRequest} and reads the
   * answer with {@link PkceLoginFlow#tokenResponse}. The future fails with the same exceptions as
   * {@link PkceLoginFlow#exchange} (an {@code OAuthErrorException}, a {@code
   * ResponseRejectedException}, an {@code IOException}). With DPoP, a {@code use_dpop_nonce}
   * answer is retried exactly once with the server's nonce, as {@link PkceLoginFlow#exchange}
   * does (RFC 9449 section 8).
   *
   * @throws io.github.pkce4j.client.ResponseRejectedException at once, with {@code
   *     issuer_mismatch}, if another flow made the session (RFC 9700 section 4.4.2); nothing is
   *     sent
   * @throws IllegalStateException at once if this session's code exchange was already started
   */
  public CompletableFuture<TokenResponse> exchangeAsync(PkceLoginFlow flow,
      AuthorizationSession session, AuthorizationResponse response) {
    Objects.requireNonNull(flow, "flow");
    return executeWithDpopRetryAsync(flow, flow.tokenRequest(session, response))
        .thenApply(answer -> flow.tokenResponse(session, answer));
  }

  /**
   * Pushes {@code session}'s authorization request without blocking (RFC 9126): sends {@link
   * PkceLoginFlow#pushedAuthorizationRequest} and reads the answer with {@link
   * PkceLoginFlow#pushedAuthorizationResponse}. Then call {@link PkceLoginFlow#authorizationUrl}.
   * The future fails with the same exceptions as {@link PkceLoginFlow#pushAuthorizationRequest}.
   *
   * @throws IllegalStateException at once if the flow does not push authorization requests
   * @throws io.github.pkce4j.client.ResponseRejectedException at once, with {@code
   *     issuer_mismatch}, if another flow made the session; nothing is sent
   */
  public CompletableFuture<PushedAuthorization> pushAuthorizationRequestAsync(PkceLoginFlow flow,
      AuthorizationSession session) {
    Objects.requireNonNull(flow, "flow");
    return executeAsync(flow.pushedAuthorizationRequest(session))
        .thenApply(answer -> flow.pushedAuthorizationResponse(session, answer));
  }

  /**
   * Refreshes the access token without blocking (RFC 6749 section 6): sends {@link
   * PkceLoginFlow#refreshRequest} and reads the answer with {@link
   * PkceLoginFlow#refreshResponse}, with DPoP retrying a {@code use_dpop_nonce} answer once as
   * {@link #exchangeAsync} does. Store {@link RefreshedTokens#refreshTokenToStore()} afterwards. The future fails with the same exceptions as {@link PkceLoginFlow#refresh}.
   */
  public CompletableFuture<RefreshedTokens> refreshAsync(PkceLoginFlow flow,
      RefreshRequest refresh) {
    Objects.requireNonNull(flow, "flow");
    return executeWithDpopRetryAsync(flow, flow.refreshRequest(refresh))
        .thenApply(answer -> flow.refreshResponse(refresh, answer));
  }

  /**
   * Revokes {@code token} without blocking (RFC 7009): sends {@link
   * PkceLoginFlow#revocationRequest} and reads the answer with {@link
   * PkceLoginFlow#revocationResponse}. The future fails with the same exceptions as {@link
   * PkceLoginFlow#revoke}.
   *
   * @param hintOrNull which kind of token it is, or {@code null}
   * @throws IllegalStateException at once if the metadata has no {@code revocation_endpoint}
   */
  public CompletableFuture<Void> revokeAsync(PkceLoginFlow flow, String token,
      TokenTypeHint hintOrNull) {
    Objects.requireNonNull(flow, "flow");
    return executeAsync(flow.revocationRequest(token, hintOrNull))
        .thenAccept(flow::revocationResponse);
  }

  /**
   * Sends {@code request} and, with DPoP, once more if the server asked for its nonce (RFC 9449
   * section 8, {@link PkceLoginFlow#dpopRetryOrNull}); completes with the last answer.
   */
  private CompletableFuture<TransportResponse> executeWithDpopRetryAsync(PkceLoginFlow flow,
      TransportRequest request) {
    return executeAsync(request).thenCompose(answer -> {
      TransportRequest retry = flow.dpopRetryOrNull(request, answer);
      return retry == null ? CompletableFuture.completedFuture(answer) : executeAsync(retry);
    });
  }

  private IOException asIoException(Throwable failure, TransportRequest request) {
    while ((failure instanceof CompletionException || failure instanceof ExecutionException)
        && failure.getCause() != null) {
      failure = failure.getCause();
    }
    if (failure instanceof HttpTimeoutException) {
      // keep the type callers catch; the message names the request and the cause, printable
      HttpTimeoutException timedOut = new HttpTimeoutException(
          TransportFailures.describe(request, (IOException) failure).getMessage());
      timedOut.initCause(failure);
      return timedOut;
    }
    if (failure instanceof IOException) {
      return TransportFailures.describe(request, (IOException) failure);
    }
    if (failure instanceof TimeoutException) {
      HttpTimeoutException timedOut = new HttpTimeoutException(request.method() + " "
          + request.url() + " did not complete within " + timeout.toMillis() + " ms");
      timedOut.initCause(failure);
      return timedOut;
    }
    return new IOException(request.method() + " " + request.url() + " failed", failure);
  }

  @Override
  public String toString() {
    return "JdkHttpTransport[timeout=" + timeout + "]";
  }

  /** Collects at most {@code limit} body bytes, failing fast beyond that. */
  private static final class BoundedSubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final int limit;
    private final String url;
    private final long declaredLength;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    BoundedSubscriber(int limit, String url, long declaredLength) {
      this.limit = limit;
      this.url = url;
      this.declaredLength = declaredLength;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      if (declaredLength > limit) {
        subscription.cancel();
        result.completeExceptionally(new ResponseTooLargeException(url, limit));
        return;
      }
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer item : items) {
        if ((long) buffer.size() + item.remaining() > limit) {
          subscription.cancel();
          result.completeExceptionally(new ResponseTooLargeException(url, limit));
          return;
        }
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        buffer.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(buffer.toByteArray());
    }
  }

  /**
   * Builds a {@link JdkHttpTransport}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private HttpClient client;
    private Duration timeout = DEFAULT_TIMEOUT;

    private Builder() {}

    /**
     * Uses {@code client} (its proxy, TLS context, executor) instead of a new one.
     *
     * @throws IllegalArgumentException if the client follows redirects: a redirected token
     *     request would re-send the code_verifier and credentials to another URL
     */
    public Builder httpClient(HttpClient client) {
      Objects.requireNonNull(client, "client");
      if (client.followRedirects() != HttpClient.Redirect.NEVER) {
        throw new IllegalArgumentException("the HttpClient follows redirects ("
            + client.followRedirects() + "); build it with followRedirects(HttpClient.Redirect"
            + ".NEVER) so the token request is never re-sent elsewhere");
      }
      this.client = client;
      return this;
    }

    /** Bounds each whole exchange, from connecting to the last body byte. Default 30 s. */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /** Builds the transport. */
    public JdkHttpTransport build() {
      HttpClient c = client != null ? client : HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(timeout)
          .build();
      return new JdkHttpTransport(c, timeout);
    }
  }
}
