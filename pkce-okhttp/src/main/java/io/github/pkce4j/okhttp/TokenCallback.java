package io.github.pkce4j.okhttp;

import io.github.pkce4j.PkceException;
import io.github.pkce4j.client.TokenResponse;
import java.io.IOException;
import okhttp3.Call;

/**
 * Receives the outcome of {@link OkHttpTransport#enqueueExchange}: exactly one of its methods is
 * called once, on an OkHttp dispatcher thread (never the Android main thread: post to it
 * yourself).
 *
 * <p>Cancelling the {@link Call} (for example in an Activity's {@code onDestroy}) still ends in
 * {@link #onFailure}, as with any OkHttp {@code Callback}; check {@link Call#isCanceled()} (or
 * your own "destroyed" flag) there before touching a view that is gone.
 *
 * <p>Security: a failure never carries the {@code code_verifier}, the client secret or a token in
 * its message. A new login needs a new {@code AuthorizationSession}, whatever the outcome: the
 * code is single-use (RFC 6749 §4.1.2).
 *
 * @since 0.1.0
 */
public interface TokenCallback {
  /**
   * The server issued tokens (RFC 6749 §5.1).
   *
   * @param call the token call, already complete
   * @param tokens the parsed token response
   */
  void onTokens(Call call, TokenResponse tokens);

  /**
   * The server answered, but not with tokens: an OAuth error response (RFC 6749 §5.2) as an
   * {@link io.github.pkce4j.client.OAuthErrorException} (for example {@code invalid_grant} for a
   * wrong verifier or a replayed code), or a response that is not a valid token response (an HTML
   * page, a redirect, invalid JSON) as a {@link io.github.pkce4j.client.ResponseRejectedException}.
   *
   * @param call the token call, already complete
   * @param error why no tokens were issued, with its OAuth error code
   */
  void onRejected(Call call, PkceException error);

  /**
   * The exchange did not complete: connection failure, the call timeout (an {@link
   * java.io.InterruptedIOException}), cancellation, or a body over the size bound ({@link
   * io.github.pkce4j.client.ResponseTooLargeException}). OkHttp reports {@link Call#isCanceled()}
   * as {@code true} both after {@link Call#cancel()} and after the call timeout fired.
   *
   * @param call the token call
   * @param failure what went wrong
   */
  void onFailure(Call call, IOException failure);
}
