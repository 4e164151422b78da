package io.github.pkce4j.interop;

import io.github.pkce4j.PkceException;
import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.HttpTransport;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.TokenResponse;
import io.github.pkce4j.okhttp.OkHttpTransport;
import io.github.pkce4j.okhttp.TokenCallback;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;

/**
 * The interop contract with the code redeemed through pkce-okhttp's {@link
 * OkHttpTransport#enqueueExchange}: the {@link TokenCallback} must receive the same tokens, or the
 * same OAuth errors, as the blocking call.
 */
class OkHttpAsyncInteropTest extends PkceFlowInteropContract {

  private final OkHttpTransport transport = OkHttpTransport.create(OkHttpInteropTest.APP_CLIENT);

  @Override
  protected HttpTransport transport() {
    return transport;
  }

  @Override
  protected TokenResponse exchange(
      PkceLoginFlow flow, AuthorizationSession session, AuthorizationResponse response)
      throws Exception {
    CompletableFuture<TokenResponse> result = new CompletableFuture<>();
    transport.enqueueExchange(flow, session, response, new TokenCallback() {
      @Override
      public void onTokens(Call call, TokenResponse tokens) {
        result.complete(tokens);
      }

      @Override
      public void onRejected(Call call, PkceException error) {
        result.completeExceptionally(error);
      }

      @Override
      public void onFailure(Call call, IOException failure) {
        result.completeExceptionally(failure);
      }
    });
    try {
      return result.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception exception) {
        throw exception;
      }
      throw e;
    }
  }
}
