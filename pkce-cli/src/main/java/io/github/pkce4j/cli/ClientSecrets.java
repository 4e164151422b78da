package io.github.pkce4j.cli;

import io.github.pkce4j.client.ClientAuthentication;
import io.github.pkce4j.client.ServerMetadata;
import java.util.List;

/**
 * The client secret of {@code --client-secret-env VAR}, for the commands that talk to a token
 * endpoint ({@code pkce login}, {@code refresh}, {@code revoke}): read from the environment,
 * never from the command line, and sent the way the server takes it.
 */
final class ClientSecrets {
  private ClientSecrets() {}

  /**
   * A public client ({@link ClientAuthentication#none()}) without {@code variableOrNull}, else
   * {@code client_secret_basic} with the variable's value.
   *
   * @throws IllegalArgumentException if the variable is not set or empty, naming the option
   */
  static ClientAuthentication fromEnvironment(String variableOrNull) {
    if (variableOrNull == null) {
      return ClientAuthentication.none();
    }
    return ClientAuthentication.clientSecretBasic(secret(variableOrNull));
  }

  /**
   * {@code authentication} as the server takes it: {@code client_secret_basic} unless {@code
   * forcePost} or the server lists only {@code client_secret_post} (RFC 6749 section 2.3.1 makes
   * Basic the one servers must support; Salesforce documents the body form). A public client is
   * returned as it is.
   */
  static ClientAuthentication forServer(ServerMetadata metadata,
      ClientAuthentication authentication, String variable, boolean forcePost) {
    if (authentication.method() != ClientAuthentication.Method.CLIENT_SECRET_BASIC) {
      return authentication;
    }
    List<String> methods = metadata.tokenEndpointAuthMethodsSupportedOrNull();
    boolean postOnly = methods != null && methods.contains("client_secret_post")
        && !methods.contains("client_secret_basic");
    return forcePost || postOnly
        ? ClientAuthentication.clientSecretPost(secret(variable)) : authentication;
  }

  private static String secret(String variable) {
    String secret = System.getenv(variable);
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("environment variable " + variable
          + " is not set or empty (--client-secret-env)");
    }
    return secret;
  }
}
