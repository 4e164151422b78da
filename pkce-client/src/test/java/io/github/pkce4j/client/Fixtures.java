package io.github.pkce4j.client;

import io.github.pkce4j.client.internal.UrlEncoding;
import io.github.pkce4j.internal.Base64Url;
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

  /** Metadata with the PAR (not required), revocation and end-session endpoints. */
  static ServerMetadata.Builder fullMetadata() {
    return ServerMetadata.builder(ISSUER)
        .authorizationEndpoint(ISSUER + "/authorize")
        .tokenEndpoint(ISSUER + "/token")
        .pushedAuthorizationRequestEndpoint(ISSUER + "/par")
        .revocationEndpoint(ISSUER + "/revoke")
        .endSessionEndpoint(ISSUER + "/logout");
  }

  /** The decoded form body of a POST. */
  static Map<String, List<String>> form(TransportRequest request) {
    byte[] body = request.bodyOrNull();
    return UrlEncoding.decodeQuery(UrlEncoding.decodeUtf8(body, 0, body.length));
  }

  /** An unsigned-looking JWS whose payload is {@code payloadJson} (the signature is not read). */
  static String jwt(String payloadJson) {
    return Base64Url.encode(UrlEncoding.utf8("{\"alg\":\"RS256\",\"kid\":\"k1\"}")) + "."
        + Base64Url.encode(UrlEncoding.utf8(payloadJson)) + ".c2lnbmF0dXJl";
  }

  /** A clock that stands still until moved. */
  static final class FixedClock implements EpochClock {
    long millis;

    FixedClock(long millis) {
      this.millis = millis;
    }

    @Override
    public long currentTimeMillis() {
      return millis;
    }
  }

  static TransportResponse response(int status, String contentType, String body) {
    Map<String, List<String>> headers = contentType == null
        ? Collections.<String, List<String>>emptyMap()
        : Collections.singletonMap("Content-Type", Collections.singletonList(contentType));
    return TransportResponse.of(status, headers, body.getBytes(UrlEncoding.UTF_8));
  }
}
