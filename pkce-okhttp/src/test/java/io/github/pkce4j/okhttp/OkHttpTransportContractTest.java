package io.github.pkce4j.okhttp;

import io.github.pkce4j.client.HttpTransport;
import io.github.pkce4j.tck.TransportContractTest;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * The shared transport contract, run on OkHttp through the blocking {@link
 * OkHttpTransport#execute}. The app's client is a plain {@code new OkHttpClient()}, which follows
 * redirects: the contract's redirect cases prove the transport turns that off.
 */
class OkHttpTransportContractTest extends TransportContractTest {
  static final OkHttpClient APP_CLIENT = new OkHttpClient();

  @Override
  protected HttpTransport newTransport(long timeoutMillis) {
    return OkHttpTransport.builder(APP_CLIENT)
        .callTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .build();
  }
}
