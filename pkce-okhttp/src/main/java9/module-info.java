/**
 * The pkce4j client handshake on OkHttp: {@link io.github.pkce4j.okhttp.OkHttpTransport}, a
 * blocking exchange and a cancellable {@code Call} with a {@link
 * io.github.pkce4j.okhttp.TokenCallback}.
 */
module io.github.pkce4j.okhttp {
  requires transitive io.github.pkce4j.client;
  requires transitive okhttp3;

  exports io.github.pkce4j.okhttp;
}
