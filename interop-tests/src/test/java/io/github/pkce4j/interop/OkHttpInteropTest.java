package io.github.pkce4j.interop;

import io.github.pkce4j.client.HttpTransport;
import io.github.pkce4j.okhttp.OkHttpTransport;
import okhttp3.OkHttpClient;

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
}
