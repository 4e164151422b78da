package io.github.pkce4j.interop;

import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.HttpTransport;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.TokenResponse;
import io.github.pkce4j.jdkhttp.JdkHttpTransport;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The interop contract with the code redeemed through pkce-jdkhttp's {@link
 * JdkHttpTransport#exchangeAsync}: the future must complete with the same tokens, or fail with the
 * same OAuth errors, as the blocking call.
 */
class JdkHttpAsyncInteropTest extends PkceFlowInteropContract {

  private final JdkHttpTransport transport = JdkHttpTransport.create();

  @Override
  protected HttpTransport transport() {
    return transport;
  }

  @Override
  protected TokenResponse exchange(
      PkceLoginFlow flow, AuthorizationSession session, AuthorizationResponse response)
      throws Exception {
    try {
      return transport.exchangeAsync(flow, session, response).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      throw e;
    }
  }
}
