/**
 * The pkce4j client handshake on {@code java.net.http} (sync and {@code CompletableFuture}), and a
 * loopback redirect receiver for desktop apps (RFC 8252 section 7.3) on a plain server socket.
 * Discovery and the flow's rules are pkce-client's.
 */
module io.github.pkce4j.jdkhttp {
  requires transitive io.github.pkce4j.client;
  requires transitive java.net.http;

  exports io.github.pkce4j.jdkhttp;
}
