package io.github.pkce4j.jdkhttp;

import io.github.pkce4j.client.HttpTransport;
import io.github.pkce4j.tck.TransportContractTest;
import java.time.Duration;

/** The shared transport contract, run on {@code java.net.http}. */
class JdkHttpTransportContractTest extends TransportContractTest {
  @Override
  protected HttpTransport newTransport(long timeoutMillis) {
    return JdkHttpTransport.builder().timeout(Duration.ofMillis(timeoutMillis)).build();
  }
}
