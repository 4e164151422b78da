package io.github.pkce4j.okhttp;

import io.github.pkce4j.PkceException;
import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.HttpTransport;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.TokenResponse;
import io.github.pkce4j.client.TransportFailures;
import io.github.pkce4j.client.TransportRequest;
import io.github.pkce4j.client.TransportResponse;
import io.github.pkce4j.tck.TransportContractTest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;

/**
 * The shared transport contract, run on OkHttp's asynchronous idiom: every request goes through
 * {@link OkHttpTransport#newCall}, {@link Call#enqueue} and {@link OkHttpTransport#readResponse}
 * on a dispatcher thread, so the size bound, timeouts and redirect refusal hold there too; the
 * token exchanges go through {@link OkHttpTransport#enqueueExchange}, so its DPoP nonce retry is
 * checked as well.
 */
class OkHttpAsyncTransportContractTest extends TransportContractTest {

  @Override
  protected HttpTransport newTransport(long timeoutMillis) {
    final OkHttpTransport transport = OkHttpTransport.builder(OkHttpTransportContractTest.APP_CLIENT)
        .callTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .build();
    return new HttpTransport() {
      @Override
      public TransportResponse execute(final TransportRequest request) throws IOException {
        final CompletableFuture<TransportResponse> result = new CompletableFuture<>();
        transport.newCall(request).enqueue(new Callback() {
          @Override
          public void onFailure(Call call, IOException e) {
            result.completeExceptionally(TransportFailures.describe(request, e));
          }

          @Override
          public void onResponse(Call call, Response response) {
            try {
              result.complete(OkHttpTransport.readResponse(response));
            } catch (IOException e) {
              result.completeExceptionally(e);
            }
          }
        });
        try {
          return result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          throw (IOException) e.getCause();
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
          throw new InterruptedIOException("test gave up waiting for the callback: " + e);
        }
      }
    };
  }

  @Override
  protected TokenResponse exchange(PkceLoginFlow flow, AuthorizationSession session,
      AuthorizationResponse response, long timeoutMillis) throws IOException {
    OkHttpTransport transport = OkHttpTransport.builder(OkHttpTransportContractTest.APP_CLIENT)
        .callTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .build();
    final CompletableFuture<TokenResponse> result = new CompletableFuture<>();
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
      return result.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof PkceException) {
        throw (PkceException) e.getCause();
      }
      throw (IOException) e.getCause();
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      throw new InterruptedIOException("test gave up waiting for the callback: " + e);
    }
  }
}
