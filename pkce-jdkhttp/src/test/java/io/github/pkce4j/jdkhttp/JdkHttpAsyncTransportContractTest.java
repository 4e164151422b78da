package io.github.pkce4j.jdkhttp;

import io.github.pkce4j.PkceException;
import io.github.pkce4j.client.AuthorizationResponse;
import io.github.pkce4j.client.AuthorizationSession;
import io.github.pkce4j.client.HttpTransport;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.TokenResponse;
import io.github.pkce4j.client.TransportRequest;
import io.github.pkce4j.client.TransportResponse;
import io.github.pkce4j.tck.TransportContractTest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The shared transport contract, run on {@code java.net.http}'s asynchronous idiom: requests
 * through {@link JdkHttpTransport#executeAsync} and token exchanges through {@link
 * JdkHttpTransport#exchangeAsync}, so the DPoP nonce retry is checked on futures too.
 */
class JdkHttpAsyncTransportContractTest extends TransportContractTest {
  @Override
  protected HttpTransport newTransport(long timeoutMillis) {
    JdkHttpTransport transport = transport(timeoutMillis);
    return new HttpTransport() {
      @Override
      public TransportResponse execute(TransportRequest request) throws IOException {
        return await(transport.executeAsync(request));
      }
    };
  }

  @Override
  protected TokenResponse exchange(PkceLoginFlow flow, AuthorizationSession session,
      AuthorizationResponse response, long timeoutMillis) throws IOException {
    return await(transport(timeoutMillis).exchangeAsync(flow, session, response));
  }

  private static JdkHttpTransport transport(long timeoutMillis) {
    return JdkHttpTransport.builder().timeout(Duration.ofMillis(timeoutMillis)).build();
  }

  private static <T> T await(CompletableFuture<T> future) throws IOException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof PkceException) {
        throw (PkceException) cause;
      }
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      throw new AssertionError(cause);
    } catch (InterruptedException e) {
      throw new InterruptedIOException(e.toString());
    }
  }
}
