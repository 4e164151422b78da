package io.github.pkce4j.okhttp;

import io.github.pkce4j.PkceException;
import java.io.IOException;
import okhttp3.Call;

/**
 * Receives the outcome of {@link OkHttpTransport#enqueuePush}, {@link
 * OkHttpTransport#enqueueRefresh} or {@link OkHttpTransport#enqueueRevocation}, as {@link
 * TokenCallback} does for the code exchange: exactly one of its methods is called once, on an
 * OkHttp dispatcher thread (never the Android main thread: post to it yourself). Cancelling the
 * {@link Call} still ends in {@link #onFailure}.
 *
 * <p>Security: a failure never carries a token, the verifier or the client secret in its
 * message.
 *
 * @param <T> what a success yields: a {@link io.github.pkce4j.client.PushedAuthorization}, {@link
 *     io.github.pkce4j.client.RefreshedTokens}, or {@link Void} (always {@code null}) for a
 *     revocation
 * @since 0.1.0
 */
public interface ResultCallback<T> {
  /**
   * The server accepted the request.
   *
   * @param call the call, already complete
   * @param result the parsed answer ({@code null} for a revocation)
   */
  void onSuccess(Call call, T result);

  /**
   * The server answered, but refused: an OAuth error (RFC 6749 section 5.2, RFC 9126 section
   * 2.3, RFC 7009 section 2.2.1) as an {@link io.github.pkce4j.client.OAuthErrorException}, or a
   * malformed answer as a {@link io.github.pkce4j.client.ResponseRejectedException}.
   *
   * @param call the call, already complete
   * @param error why, with its error code
   */
  void onRejected(Call call, PkceException error);

  /**
   * The exchange did not complete: connection failure, the call timeout, cancellation, or a body
   * over the size bound.
   *
   * @param call the call
   * @param failure what went wrong
   */
  void onFailure(Call call, IOException failure);
}
