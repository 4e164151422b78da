package io.github.pkce4j.client;

import io.github.pkce4j.client.internal.UrlEncoding;
import io.github.pkce4j.internal.Base64Url;
import java.util.Map;
import java.util.Objects;

/**
 * How the client authenticates to the token endpoint (RFC 6749 §2.3): not at all (a public
 * client), with {@code client_secret_basic} or with {@code client_secret_post}.
 *
 * <p>Security: a native or browser app cannot keep a secret (RFC 8252 §8.5), so it is a public
 * client and uses {@link #none()}; PKCE is what protects its code. A public client never sends a
 * secret. {@link #toString()} never prints the secret.
 *
 * @since 0.1.0
 */
public final class ClientAuthentication {
  /** The token endpoint authentication methods of RFC 8414 §2 / RFC 7591 §2. */
  public enum Method {
    /** A public client: {@code client_id} in the body, no secret. */
    NONE("none"),
    /** HTTP Basic with the form-encoded id and secret (RFC 6749 §2.3.1). */
    CLIENT_SECRET_BASIC("client_secret_basic"),
    /** {@code client_id} and {@code client_secret} in the body (RFC 6749 §2.3.1). */
    CLIENT_SECRET_POST("client_secret_post");

    private final String parameterValue;

    Method(String parameterValue) {
      this.parameterValue = parameterValue;
    }

    /** The registered name, as in {@code token_endpoint_auth_methods_supported}. */
    public String parameterValue() {
      return parameterValue;
    }
  }

  private static final ClientAuthentication NONE = new ClientAuthentication(Method.NONE, null);

  private final Method method;
  private final String secret;

  private ClientAuthentication(Method method, String secret) {
    this.method = method;
    this.secret = secret;
  }

  /** A public client: sends {@code client_id} and no secret (RFC 6749 §2.1, RFC 8252 §8.4). */
  public static ClientAuthentication none() {
    return NONE;
  }

  /**
   * A confidential client authenticating with HTTP Basic: {@code Authorization: Basic
   * base64(urlformencode(client_id) ":" urlformencode(secret))}, RFC 6749 §2.3.1.
   */
  public static ClientAuthentication clientSecretBasic(String clientSecret) {
    return new ClientAuthentication(Method.CLIENT_SECRET_BASIC, checkSecret(clientSecret));
  }

  /** A confidential client sending {@code client_secret} in the body, RFC 6749 §2.3.1. */
  public static ClientAuthentication clientSecretPost(String clientSecret) {
    return new ClientAuthentication(Method.CLIENT_SECRET_POST, checkSecret(clientSecret));
  }

  private static String checkSecret(String secret) {
    Objects.requireNonNull(secret, "clientSecret");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("client secret is empty; use ClientAuthentication.none()"
          + " for a public client (RFC 6749 §2.1)");
    }
    return secret;
  }

  /** The method. */
  public Method method() {
    return method;
  }

  /** Adds {@code client_id} (and for {@code client_secret_post} the secret) to a token form. */
  void addToForm(Map<String, String> form, String clientId) {
    if (method != Method.CLIENT_SECRET_BASIC) {
      form.put("client_id", clientId);
    }
    if (method == Method.CLIENT_SECRET_POST) {
      form.put("client_secret", secret);
    }
  }

  /** Adds the {@code Authorization} header for {@code client_secret_basic}; else unchanged. */
  TransportRequest addToRequest(TransportRequest request, String clientId) {
    if (method != Method.CLIENT_SECRET_BASIC) {
      return request;
    }
    String credentials = UrlEncoding.encodeForm(clientId) + ":" + UrlEncoding.encodeForm(secret);
    return request.withHeader("Authorization",
        "Basic " + Base64Url.encodeStandardPadded(UrlEncoding.utf8(credentials)));
  }

  /** Prints the method only, e.g. {@code ClientAuthentication[client_secret_basic]}. */
  @Override
  public String toString() {
    return "ClientAuthentication[" + method.parameterValue + "]";
  }
}
