package io.github.pkce4j.client;

import io.github.pkce4j.client.internal.UrlEncoding;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Shared test values. */
final class Fixtures {
  static final String ISSUER = "https://as.example.com";
  static final String REDIRECT = "http://127.0.0.1:4711/callback";

  private Fixtures() {}

  static ServerMetadata metadata(boolean issSupported) {
    return ServerMetadata.builder(ISSUER)
        .authorizationEndpoint(ISSUER + "/authorize")
        .tokenEndpoint(ISSUER + "/token")
        .authorizationResponseIssParameterSupported(issSupported)
        .build();
  }

  static PkceLoginFlow flow() {
    return PkceLoginFlow.builder(metadata(false), "client-1").build();
  }

  static TransportResponse response(int status, String contentType, String body) {
    Map<String, List<String>> headers = contentType == null
        ? Collections.<String, List<String>>emptyMap()
        : Collections.singletonMap("Content-Type", Collections.singletonList(contentType));
    return TransportResponse.of(status, headers, body.getBytes(UrlEncoding.UTF_8));
  }
}
