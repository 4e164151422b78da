package io.github.pkce4j.okhttp;

import io.github.pkce4j.client.DpopProofs;
import java.io.IOException;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Calls APIs with a DPoP-bound access token (RFC 9449 section 7.1): adds {@code Authorization:
 * DPoP <token>} and a fresh proof with {@code ath} to every request, and answers a resource
 * server's nonce challenge (a 401 with {@code WWW-Authenticate: DPoP error="use_dpop_nonce"} and
 * a {@code DPoP-Nonce}, section 9) by sending the request exactly once more with a new proof
 * carrying the nonce. A {@code DPoP-Nonce} on any answer is remembered for the next request to
 * that server.
 *
 * <pre>{@code
 * OkHttpClient api = okHttpClient.newBuilder()
 *     .addInterceptor(DpopInterceptor.create(flow.dpopProofsOrNull(), () -> tokens.accessToken()))
 *     .build();
 * }</pre>
 *
 * <p>Add it as an application interceptor ({@code addInterceptor}), so that it runs once per
 * call and its retry goes through the rest of the chain. No proof is reused: each attempt gets
 * its own {@code jti}. A one-shot request body is not retried; its 401 is returned as it is.
 * (An OkHttp {@code Authenticator} could not add the proof to the first attempt, so the retry
 * lives here too.)
 *
 * <p>Security: the token travels in the {@code Authorization} header and the proof in {@code
 * DPoP}; redact both from an {@code HttpLoggingInterceptor} ({@code redactHeader}). Proofs are
 * made only for https URLs, or http on a loopback IP literal; another URL, or a token with a
 * character outside visible ASCII, fails the call with an {@code IOException}.
 *
 * @since 0.1.0
 */
public final class DpopInterceptor implements Interceptor {
  private final DpopProofs proofs;
  private final AccessTokenSource tokens;

  private DpopInterceptor(DpopProofs proofs, AccessTokenSource tokens) {
    this.proofs = proofs;
    this.tokens = tokens;
  }

  /**
   * An interceptor signing with {@code proofs} (the same instance the login flow used, so the
   * key and the servers' nonces are shared) and sending the token {@code tokens} gives for each
   * request.
   */
  public static DpopInterceptor create(DpopProofs proofs, AccessTokenSource tokens) {
    return new DpopInterceptor(Objects.requireNonNull(proofs, "proofs"),
        Objects.requireNonNull(tokens, "tokens"));
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String token = tokens.accessToken();
    if (token == null) {
      throw new IOException("the AccessTokenSource gave no access token");
    }
    String url = request.url().toString();
    Response response = chain.proceed(sign(request, token, url));
    String nonce = response.header(DpopProofs.NONCE_HEADER);
    boolean remembered = proofs.rememberNonce(url, nonce);
    if (!remembered || response.code() != 401 || !isNonceChallenge(response)
        || isOneShot(request.body())) {
      return response;
    }
    response.close();
    return chain.proceed(sign(request, token, url));
  }

  private static boolean isNonceChallenge(Response response) {
    for (String challenge : response.headers("WWW-Authenticate")) {
      if (DpopProofs.isNonceChallenge(challenge)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOneShot(RequestBody body) {
    return body != null && body.isOneShot();
  }

  /**
   * The request with the token and a fresh proof. A URL or token that cannot be signed fails the
   * call with an {@code IOException}, as OkHttp expects of an interceptor (a runtime exception
   * would escape an enqueued call's dispatcher thread).
   */
  private Request sign(Request request, String token, String url) throws IOException {
    String proof;
    try {
      proof = proofs.proof(request.method(), url, token);
    } catch (IllegalArgumentException e) {
      throw new IOException("cannot make a DPoP proof for " + request.method() + " "
          + request.url().newBuilder().query(null).build() + ": " + e.getMessage(), e);
    }
    return request.newBuilder()
        .header("Authorization", "DPoP " + token)
        .header(DpopProofs.HEADER, proof)
        .build();
  }

  /** The key's thumbprint; never a token. */
  @Override
  public String toString() {
    return "DpopInterceptor[" + proofs.key() + "]";
  }

  /**
   * Where the interceptor gets the access token for each request, e.g. from the app's token
   * store after a refresh. ({@code java.util.function.Supplier} is missing on Android before API
   * 24.)
   *
   * @since 0.1.0
   */
  public interface AccessTokenSource {
    /**
     * The DPoP-bound access token to send now.
     *
     * @throws IOException if it cannot be had (e.g. a refresh failed); the call fails with it
     */
    String accessToken() throws IOException;
  }
}
