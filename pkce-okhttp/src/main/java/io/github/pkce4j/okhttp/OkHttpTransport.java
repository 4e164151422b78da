package io.github.pkce4j.okhttp;

import io.github.pkce4j.PkceException;
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
import java.io.InputStream;
import java.net.ProtocolException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The pkce4j {@link HttpTransport} on the app's own {@link OkHttpClient}: a blocking {@link
 * #execute}, and OkHttp's idioms beside it, a {@link Call} you can run or cancel ({@link
 * #newTokenCall}) and an asynchronous exchange with a {@link TokenCallback} ({@link
 * #enqueueExchange}).
 *
 * <pre>{@code
 * OkHttpTransport transport = OkHttpTransport.create(okHttpClient);   // the app's client
 * TokenResponse tokens = flow.exchange(session, response, transport);  // blocking
 * Call call = transport.enqueueExchange(flow, session, response, callback);
 * call.cancel();                                                        // e.g. in onDestroy
 * }</pre>
 *
 * <h2>The caller's client</h2>
 *
 * <p>The transport runs every request on one client derived once, at construction, with {@link
 * OkHttpClient#newBuilder()}: it shares the caller's connection pool, dispatcher, interceptors,
 * certificate pinner, proxy, DNS and TLS settings; no client is built per request. Two settings
 * differ from the caller's:
 * <ul>
 *   <li>redirects are never followed ({@code followRedirects(false)}, {@code
 *       followSslRedirects(false)}), so a token request answered with a 3xx is not re-sent, with
 *       its {@code code_verifier} and credentials, to another URL; the 3xx comes
 *       back as it is and {@link PkceLoginFlow} refuses it;
 *   <li>the whole call, body included, is bounded by a call timeout: the one given to {@link
 *       Builder#callTimeout}, else the client's own {@link OkHttpClient#callTimeoutMillis()}, else
 *       {@link #DEFAULT_CALL_TIMEOUT_MILLIS} (OkHttp's default is none, and a server trickling its
 *       body one byte at a time would otherwise never time out).
 * </ul>
 * The caller's client itself is not changed.
 *
 * <h2>Logging</h2>
 *
 * <p>Security: the {@code code_verifier}, the authorization code and a {@code client_secret_post}
 * secret travel only in the form body; the transport puts nothing in the URL or in a header that
 * an {@code HttpLoggingInterceptor} at {@code BASIC} or {@code HEADERS} level would print. The
 * exception is {@code client_secret_basic}: its secret is, by definition (RFC 6749 §2.3.1), in
 * the {@code Authorization} header, which {@code HEADERS} level prints; call {@code
 * logging.redactHeader("Authorization")} on such a client. Never log token requests or responses
 * at {@code BODY} level: that prints the verifier, the secret and the tokens.
 *
 * <p>Bodies are read up to {@link TransportRequest#maxResponseBytes()} bytes (after OkHttp's
 * transparent gzip decoding), then the transport stops with a {@link ResponseTooLargeException}.
 *
 * <p>Thread-safe; share one instance, as you share the {@code OkHttpClient}.
 *
 * @since 0.1.0
 */
public final class OkHttpTransport implements HttpTransport {
  /** Call timeout used when neither the builder nor the caller's client sets one: 30 seconds. */
  public static final long DEFAULT_CALL_TIMEOUT_MILLIS = 30_000;

  private final OkHttpClient client;

  private OkHttpTransport(OkHttpClient client) {
    this.client = client;
  }

  /**
   * A transport on {@code client}'s pool, dispatcher and interceptors, with redirects off and a
   * call timeout (the client's own, or {@link #DEFAULT_CALL_TIMEOUT_MILLIS}).
   *
   * @param client the app's client; not modified
   */
  public static OkHttpTransport create(OkHttpClient client) {
    return builder(client).build();
  }

  /**
   * Starts a builder on {@code client}, for an explicit call timeout.
   *
   * @param client the app's client; not modified
   */
  public static Builder builder(OkHttpClient client) {
    return new Builder(client);
  }

  /**
   * The client every request runs on: the caller's, derived with {@link
   * OkHttpClient#newBuilder()}, redirects off, the call timeout set.
   */
  public OkHttpClient client() {
    return client;
  }

  /**
   * Sends {@code request} and reads the whole response, blocking the calling thread (never call
   * it on the Android main thread).
   *
   * @throws ResponseTooLargeException if the body exceeds {@link
   *     TransportRequest#maxResponseBytes()}
   * @throws IOException if the call fails, times out or is cancelled
   */
  @Override
  public TransportResponse execute(TransportRequest request) throws IOException {
    Response response;
    try {
      response = newCall(request).execute();
    } catch (IOException e) {
      throw TransportFailures.describe(request, e);
    }
    return readResponse(response);
  }

  /**
   * A {@link Call} for {@code request}, not yet started: {@link Call#execute()} or {@link
   * Call#enqueue} it, then hand the {@link Response} to {@link #readResponse}. The request is
   * tagged with {@code request} ({@code call.request().tag(TransportRequest.class)}) so that
   * {@link #readResponse} knows its size bound. Pass a failure OkHttp reports through {@link
   * TransportFailures#describe} before showing or logging it: OkHttp's own texts can be empty or
   * quote what the server sent.
   */
  public Call newCall(TransportRequest request) {
    Objects.requireNonNull(request, "request");
    Request.Builder builder = new Request.Builder()
        .url(request.url())
        .tag(TransportRequest.class, request);
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      builder.header(header.getKey(), header.getValue());
    }
    byte[] body = request.bodyOrNull();
    if (body == null) {
      builder.get();
    } else {
      // No media type on the body: the Content-Type header from the request is sent as it is,
      // without the charset parameter OkHttp would otherwise append.
      builder.post(RequestBody.create(body, null));
    }
    return client.newCall(builder.build());
  }

  /**
   * A {@link Call} for the token request of {@code session} ({@link PkceLoginFlow#tokenRequest}),
   * not yet started. Read its response with {@link #readResponse} and {@link
   * PkceLoginFlow#tokenResponse}, or let {@link #enqueueExchange} do all of it.
   *
   * <p>Security: the call's request body holds the {@code code_verifier} (and a {@code
   * client_secret_post} secret); do not log it.
   *
   * @param response the redirect as {@link PkceLoginFlow#parseRedirect} accepted it for {@code
   *     session} (state and issuer already checked)
   * @throws io.github.pkce4j.client.ResponseRejectedException at once, with {@code
   *     issuer_mismatch}, if another flow made the session (RFC 9700 section 4.4.2); nothing is
   *     sent
   * @throws IllegalStateException at once if this session's code exchange was already started
   */
  public Call newTokenCall(PkceLoginFlow flow, AuthorizationSession session,
      AuthorizationResponse response) {
    Objects.requireNonNull(flow, "flow");
    return newCall(flow.tokenRequest(session, response));
  }

  /**
   * Redeems the code without blocking: enqueues {@link #newTokenCall} on the client's dispatcher
   * and calls exactly one method of {@code callback} with the outcome, on a dispatcher thread.
   *
   * <p>With DPoP, a {@code use_dpop_nonce} answer is retried exactly once with the server's nonce
   * (RFC 9449 section 8), as a second call on the same dispatcher, and the callback gets that
   * call's outcome; a first call cancelled before its answer is not retried.
   *
   * @param response the redirect as {@link PkceLoginFlow#parseRedirect} accepted it for {@code
   *     session} (state and issuer already checked)
   * @return the running call; {@link Call#cancel()} it when the result is no longer wanted (the
   *     callback then gets {@link TokenCallback#onFailure} with {@link Call#isCanceled()} true)
   * @throws io.github.pkce4j.client.ResponseRejectedException at once, with {@code
   *     issuer_mismatch}, if another flow made the session (RFC 9700 section 4.4.2); nothing is
   *     sent
   * @throws IllegalStateException at once if this session's code exchange was already started
   */
  public Call enqueueExchange(final PkceLoginFlow flow, final AuthorizationSession session,
      AuthorizationResponse response, final TokenCallback callback) {
    Objects.requireNonNull(callback, "callback");
    Objects.requireNonNull(flow, "flow");
    TransportRequest tokenRequest = flow.tokenRequest(session, response);
    return enqueue(flow, tokenRequest, new ResultCallback<TokenResponse>() {
      @Override
      public void onSuccess(Call call, TokenResponse tokens) {
        callback.onTokens(call, tokens);
      }

      @Override
      public void onRejected(Call call, PkceException error) {
        callback.onRejected(call, error);
      }

      @Override
      public void onFailure(Call call, IOException failure) {
        callback.onFailure(call, failure);
      }
    }, new Reader<TokenResponse>() {
      @Override
      public TokenResponse read(TransportResponse answer) {
        return flow.tokenResponse(session, answer);
      }
    });
  }

  /**
   * Pushes {@code session}'s authorization request without blocking (RFC 9126): enqueues {@link
   * PkceLoginFlow#pushedAuthorizationRequest}, reads the answer with {@link
   * PkceLoginFlow#pushedAuthorizationResponse} and calls exactly one method of {@code callback}.
   * Then call {@link PkceLoginFlow#authorizationUrl}.
   *
   * @return the running call
   * @throws IllegalStateException at once if the flow does not push authorization requests
   * @throws io.github.pkce4j.client.ResponseRejectedException at once, with {@code
   *     issuer_mismatch}, if another flow made the session; nothing is sent
   */
  public Call enqueuePush(final PkceLoginFlow flow, final AuthorizationSession session,
      ResultCallback<PushedAuthorization> callback) {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(callback, "callback");
    return enqueue(flow, flow.pushedAuthorizationRequest(session), callback,
        new Reader<PushedAuthorization>() {
          @Override
          public PushedAuthorization read(TransportResponse answer) {
            return flow.pushedAuthorizationResponse(session, answer);
          }
        });
  }

  /**
   * Refreshes the access token without blocking (RFC 6749 section 6): enqueues {@link
   * PkceLoginFlow#refreshRequest}, reads the answer with {@link PkceLoginFlow#refreshResponse}
   * and calls exactly one method of {@code callback}. Store {@link
   * RefreshedTokens#refreshTokenToStore()} in {@link ResultCallback#onSuccess}.
   *
   * @return the running call
   */
  public Call enqueueRefresh(final PkceLoginFlow flow, final RefreshRequest refresh,
      ResultCallback<RefreshedTokens> callback) {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(callback, "callback");
    return enqueue(flow, flow.refreshRequest(refresh), callback, new Reader<RefreshedTokens>() {
      @Override
      public RefreshedTokens read(TransportResponse answer) {
        return flow.refreshResponse(refresh, answer);
      }
    });
  }

  /**
   * Revokes {@code token} without blocking (RFC 7009): enqueues {@link
   * PkceLoginFlow#revocationRequest}, reads the answer with {@link
   * PkceLoginFlow#revocationResponse} and calls exactly one method of {@code callback} ({@link
   * ResultCallback#onSuccess} with {@code null}).
   *
   * @param hintOrNull which kind of token it is, or {@code null}
   * @return the running call
   * @throws IllegalStateException at once if the metadata has no {@code revocation_endpoint}
   */
  public Call enqueueRevocation(final PkceLoginFlow flow, String token, TokenTypeHint hintOrNull,
      ResultCallback<Void> callback) {
    Objects.requireNonNull(flow, "flow");
    Objects.requireNonNull(callback, "callback");
    return enqueue(null, flow.revocationRequest(token, hintOrNull), callback, new Reader<Void>() {
      @Override
      public Void read(TransportResponse answer) {
        flow.revocationResponse(answer);
        return null;
      }
    });
  }

  /** Reads a transport answer into a result, throwing a {@link PkceException} on refusal. */
  private interface Reader<T> {
    T read(TransportResponse answer);
  }

  /**
   * Enqueues {@code request} and reports its outcome to {@code callback}; with {@code flow}
   * (DPoP), a {@code use_dpop_nonce} answer is first retried once (RFC 9449 section 8).
   */
  private <T> Call enqueue(PkceLoginFlow flow, TransportRequest request,
      ResultCallback<T> callback, Reader<T> reader) {
    Call call = newCall(request);
    call.enqueue(new ReadingCallback<T>(flow, request, callback, reader));
    return call;
  }

  /**
   * Reads a call's answer and calls exactly one method of the callback. With a flow it first
   * asks {@link PkceLoginFlow#dpopRetryOrNull} and, for a nonce challenge, sends the retry as a
   * second call on the same dispatcher, whose outcome the callback then gets; a call cancelled
   * before its answer is not retried, and a retry is never retried.
   */
  private final class ReadingCallback<T> implements Callback {
    /** The flow whose DPoP nonce challenge may be retried; {@code null} for no retry. */
    private final PkceLoginFlow retryFlow;
    private final TransportRequest request;
    private final ResultCallback<T> callback;
    private final Reader<T> reader;

    ReadingCallback(PkceLoginFlow retryFlow, TransportRequest request, ResultCallback<T> callback,
        Reader<T> reader) {
      this.retryFlow = retryFlow;
      this.request = request;
      this.callback = callback;
      this.reader = reader;
    }

    @Override
    public void onFailure(Call call, IOException e) {
      callback.onFailure(call, TransportFailures.describe(request, e));
    }

    @Override
    public void onResponse(Call call, Response response) {
      T result;
      try {
        TransportResponse answer = readResponse(response);
        TransportRequest retry =
            retryFlow == null ? null : retryFlow.dpopRetryOrNull(request, answer);
        if (retry != null && !call.isCanceled()) {
          newCall(retry).enqueue(new ReadingCallback<T>(null, retry, callback, reader));
          return;
        }
        result = reader.read(answer);
      } catch (IOException e) {
        callback.onFailure(call, TransportFailures.describe(request, e));
        return;
      } catch (PkceException e) {
        callback.onRejected(call, e);
        return;
      }
      callback.onSuccess(call, result);
    }
  }

  /**
   * Reads {@code response} into a {@link TransportResponse} and closes it. The body is bounded by
   * the {@link TransportRequest#maxResponseBytes()} of the request the call was made for (see
   * {@link #newCall}), or {@link TransportRequest#DEFAULT_MAX_RESPONSE_BYTES} for a call not made
   * by this class.
   *
   * @throws ResponseTooLargeException if the body (after gzip decoding) is larger than the bound;
   *     reading stops there
   * @throws ProtocolException if the status code is outside 100..599
   * @throws IOException if reading the body fails or the call is cancelled meanwhile
   */
  public static TransportResponse readResponse(Response response) throws IOException {
    Objects.requireNonNull(response, "response");
    TransportRequest request = response.request().tag(TransportRequest.class);
    int limit = request != null
        ? request.maxResponseBytes() : TransportRequest.DEFAULT_MAX_RESPONSE_BYTES;
    // The URL as the caller gave it; for a call not made here, without its query string.
    String url = request != null
        ? request.url() : response.request().url().newBuilder().query(null).build().toString();
    try {
      int status = response.code();
      if (status < 100 || status > 599) {
        // OkHttp accepts any three digits; TransportResponse (and RFC 9110 §15) do not.
        throw new ProtocolException("HTTP status " + status + " from " + url
            + " is outside 100..599 (RFC 9110 §15)");
      }
      ResponseBody body = response.body();
      byte[] bytes = body == null ? new byte[0] : readBounded(body, limit, url);
      return TransportResponse.of(status, response.headers().toMultimap(), bytes);
    } finally {
      response.close();
    }
  }

  private static byte[] readBounded(ResponseBody body, int limit, String url) throws IOException {
    long declared = body.contentLength();
    if (declared > limit) {
      throw new ResponseTooLargeException(url, limit);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(declared >= 0 ? (int) declared : 1024);
    InputStream in = body.byteStream();
    byte[] chunk = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(chunk)) != -1; ) {
      total += n;
      if (total > limit) {
        throw new ResponseTooLargeException(url, limit);
      }
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }

  /** The call timeout; never a header value, body or secret. */
  @Override
  public String toString() {
    return "OkHttpTransport[callTimeout=" + client.callTimeoutMillis() + " ms]";
  }

  /**
   * Builds an {@link OkHttpTransport} on the caller's {@link OkHttpClient}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final OkHttpClient client;
    private long callTimeoutMillis;

    private Builder(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Bounds each whole call, from DNS to the last body byte, replacing the client's call timeout
     * for this transport's calls only.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder callTimeout(long timeout, TimeUnit unit) {
      Objects.requireNonNull(unit, "unit");
      if (timeout <= 0) {
        throw new IllegalArgumentException("callTimeout is " + timeout + " " + unit
            + "; it must be positive (a token request must not wait forever)");
      }
      long millis = unit.toMillis(timeout);
      this.callTimeoutMillis = millis == 0 ? 1 : millis;
      return this;
    }

    /**
     * Builds the transport: derives its client from the caller's with {@link
     * OkHttpClient#newBuilder()}, sharing the connection pool and dispatcher.
     */
    public OkHttpTransport build() {
      long timeout = callTimeoutMillis;
      if (timeout == 0) {
        timeout = client.callTimeoutMillis() > 0
            ? client.callTimeoutMillis() : DEFAULT_CALL_TIMEOUT_MILLIS;
      }
      OkHttpClient derived = client.newBuilder()
          .followRedirects(false)
          .followSslRedirects(false)
          .callTimeout(timeout, TimeUnit.MILLISECONDS)
          .build();
      return new OkHttpTransport(derived);
    }
  }
}
