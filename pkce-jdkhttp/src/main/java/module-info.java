/**
 * The pkce4j client handshake on {@code java.net.http}, discovery, and a loopback redirect
 * receiver for desktop apps (RFC 8252 §7.3) on the JDK's built-in HTTP server.
 */
module io.github.pkce4j.jdkhttp {
  requires transitive io.github.pkce4j.core;
  requires transitive java.net.http;
  requires jdk.httpserver;

  exports io.github.pkce4j.jdkhttp;
}
