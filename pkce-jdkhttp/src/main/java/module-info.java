/**
 * The pkce4j client handshake on {@code java.net.http}, discovery, and a loopback redirect
 * receiver for desktop apps (RFC 8252 §7.3) on a plain server socket.
 */
module io.github.pkce4j.jdkhttp {
  requires transitive io.github.pkce4j.core;
  requires transitive java.net.http;

  exports io.github.pkce4j.jdkhttp;
}
