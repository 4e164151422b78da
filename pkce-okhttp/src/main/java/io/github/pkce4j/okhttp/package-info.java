/**
 * {@link io.github.pkce4j.okhttp.OkHttpTransport}, the {@link
 * io.github.pkce4j.client.HttpTransport} on the app's {@code OkHttpClient}, with a cancellable
 * {@code Call} and a {@link io.github.pkce4j.okhttp.TokenCallback} for the asynchronous exchange.
 * Java 8 bytecode, Android API 21; works with OkHttp 4.12 and 5.
 */
package io.github.pkce4j.okhttp;
