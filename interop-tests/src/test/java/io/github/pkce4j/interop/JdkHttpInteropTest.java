package io.github.pkce4j.interop;

import io.github.pkce4j.client.HttpTransport;
import io.github.pkce4j.jdkhttp.JdkHttpTransport;

/** The interop contract through pkce-jdkhttp's blocking {@link JdkHttpTransport#execute}. */
class JdkHttpInteropTest extends PkceFlowInteropContract {

  @Override
  protected HttpTransport transport() {
    return JdkHttpTransport.create();
  }
}
