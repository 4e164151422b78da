package io.github.pkce4j.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.client.DpopKey;
import io.github.pkce4j.client.DpopProofs;
import io.github.pkce4j.client.HttpTransport;
import io.github.pkce4j.okhttp.DpopInterceptor;
import io.github.pkce4j.okhttp.OkHttpTransport;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/**
 * The interop contract through pkce-okhttp's blocking {@link OkHttpTransport#execute}, on an app's
 * ordinary {@code OkHttpClient} (which follows redirects; the transport turns that off).
 */
class OkHttpInteropTest extends PkceFlowInteropContract {

  static final OkHttpClient APP_CLIENT = new OkHttpClient();

  @Override
  protected HttpTransport transport() {
    return OkHttpTransport.create(APP_CLIENT);
  }

  /** pkce-okhttp's DpopInterceptor against the server's resource (RFC 9449 section 7.1). */
  @Test
  void dpopInterceptor_callsTheProtectedResourceWithTheBoundToken() throws Exception {
    DpopProofs proofs = DpopProofs.of(DpopKey.generate());
    String token = dpopLogin(proofs).accessToken();
    OkHttpClient mine = APP_CLIENT.newBuilder()
        .addInterceptor(DpopInterceptor.create(proofs, () -> token)).build();
    OkHttpClient other = APP_CLIENT.newBuilder()
        .addInterceptor(DpopInterceptor.create(DpopProofs.of(DpopKey.generate()), () -> token))
        .build();
    Request request = new Request.Builder().url(apiUrl()).build();

    try (Response accepted = mine.newCall(request).execute();
        Response refused = other.newCall(request).execute()) {
      String body = accepted.body().string();
      assertEquals(200, accepted.code(), body);
      assertTrue(body.contains("\"sub\":\"alice\""), body);
      assertEquals(401, refused.code(), "a proof of another key is refused");
    }
  }
}
