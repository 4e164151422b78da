package io.github.pkce4j.tck;

import io.github.pkce4j.client.ClientAuthentication;
import io.github.pkce4j.client.PkceLoginFlow;
import io.github.pkce4j.client.ServerMetadata;

/**
 * The metadata and flow that the adapters' tests point at a test server, written once: issuer
 * {@code baseUrl}, authorization endpoint {@code baseUrl/authorize}, token endpoint {@code
 * baseUrl/token}, client id {@code app}.
 */
public final class TestServers {
  /** The client id of {@link #flow}. */
  public static final String CLIENT_ID = "app";

  private TestServers() {}

  /** Metadata for a server at {@code baseUrl} (with or without a trailing slash). */
  public static ServerMetadata metadata(String baseUrl) {
    String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    return ServerMetadata.builder(baseUrl)
        .authorizationEndpoint(base + "/authorize")
        .tokenEndpoint(base + "/token")
        .build();
  }

  /** A flow for client {@link #CLIENT_ID} against {@link #metadata(String)}. */
  public static PkceLoginFlow flow(String baseUrl, ClientAuthentication authentication) {
    return PkceLoginFlow.builder(metadata(baseUrl), CLIENT_ID)
        .clientAuthentication(authentication).build();
  }
}
