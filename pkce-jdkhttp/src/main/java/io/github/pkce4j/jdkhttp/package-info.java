/**
 * {@link io.github.pkce4j.jdkhttp.JdkHttpTransport}, the {@link
 * io.github.pkce4j.client.HttpTransport} on {@code java.net.http.HttpClient}, and {@link
 * io.github.pkce4j.jdkhttp.LoopbackReceiver}, the RFC 8252 loopback redirect receiver.
 */
package io.github.pkce4j.jdkhttp;
