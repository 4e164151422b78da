package io.github.pkce4j.client;

import java.io.IOException;

/**
 * The one HTTP exchange the client handshake needs: a form POST to the token endpoint, or a GET of
 * a discovery document. Adapters implement it on an HTTP client ({@code pkce-jdkhttp} on {@code
 * java.net.http}, {@code pkce-okhttp} on OkHttp); {@link PkceLoginFlow} holds all OAuth logic, so
 * an adapter only moves bytes.
 *
 * <p>An implementation must:
 * <ul>
 *   <li>send exactly the request's method, URL, headers and body, adding nothing that carries a
 *       secret;
 *   <li>not follow redirects: a 3xx is returned as it is, so the {@code code_verifier} and client
 *       secret are never re-sent to another URL;
 *   <li>read at most {@link TransportRequest#maxResponseBytes()} bytes of body and throw
 *       {@link ResponseTooLargeException} beyond that, without reading the rest into memory;
 *   <li>give up on a slow or silent server after its configured timeout with an
 *       {@link IOException};
 *   <li>return any status code (2xx, 4xx, 5xx) as a {@link TransportResponse}, never throwing for
 *       one.
 * </ul>
 *
 * <p>{@code pkce-transport-tck}'s {@code TransportContractTest} checks all of this over a real
 * socket; an adapter runs it by extending the class.
 *
 * <p>Asynchronous use: adapters add their client's idiom beside this blocking call (a
 * {@code CompletableFuture}, an OkHttp {@code Call}) and feed the bytes to
 * {@link PkceLoginFlow#tokenResponse(TransportResponse)}.
 *
 * @since 0.1.0
 */
public interface HttpTransport {
  /**
   * Sends {@code request} and reads the whole (bounded) response.
   *
   * @throws ResponseTooLargeException if the body exceeds {@link TransportRequest#maxResponseBytes()}
   * @throws IOException if the exchange fails or times out
   */
  TransportResponse execute(TransportRequest request) throws IOException;
}
