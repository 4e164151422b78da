package io.github.pkce4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.client.DpopKey;
import io.github.pkce4j.client.DpopProofs;
import io.github.pkce4j.client.HttpTransport;
import io.github.pkce4j.jdkhttp.DpopRequests;
import io.github.pkce4j.jdkhttp.JdkHttpTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The interop contract through pkce-jdkhttp's blocking {@link JdkHttpTransport#execute}. */
class JdkHttpInteropTest extends PkceFlowInteropContract {

  @Override
  protected HttpTransport transport() {
    return JdkHttpTransport.create();
  }

  /** pkce-jdkhttp's DpopRequests against the server's resource (RFC 9449 section 7.1). */
  @Test
  void dpopRequests_callTheProtectedResourceWithTheBoundToken() throws Exception {
    DpopProofs proofs = DpopProofs.of(DpopKey.generate());
    String token = dpopLogin(proofs).accessToken();
    HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl())).build();
    HttpClient client = HttpClient.newHttpClient();

    HttpResponse<String> mine = DpopRequests.create(client, proofs)
        .send(request, token, HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> other = DpopRequests.create(client, DpopProofs.of(DpopKey.generate()))
        .send(request, token, HttpResponse.BodyHandlers.ofString());

    assertEquals(200, mine.statusCode(), mine.body());
    assertTrue(mine.body().contains("\"sub\":\"alice\""), mine.body());
    assertEquals(401, other.statusCode(), "a proof of another key is refused");
  }
}
