package io.github.pkce4j.client;

import io.github.pkce4j.internal.PrintableText;
import java.util.List;
import java.util.Map;

/**
 * What DPoP (RFC 9449) adds to {@link PkceLoginFlow}'s token requests, in one place: the proof
 * header, the one retry with the server's nonce (section 8), and the {@code token_type} check
 * (section 5).
 */
final class DpopFlow {
  private static final String USE_DPOP_NONCE = "use_dpop_nonce";

  private DpopFlow() {}

  /**
   * The proofs to use with this server: always when DPoP is required; when it is only wanted if
   * supported, only if the metadata lists {@code ES256} in {@code
   * dpop_signing_alg_values_supported} (RFC 9449 section 5.1); else {@code null}.
   */
  static DpopProofs activeOrNull(DpopProofs proofs, boolean required, ServerMetadata metadata) {
    if (proofs == null || required) {
      return proofs;
    }
    List<String> algorithms = metadata.dpopSigningAlgValuesSupportedOrNull();
    return algorithms != null && algorithms.contains(DpopKey.ALGORITHM) ? proofs : null;
  }

  /** Refuses DPoP required at a server whose metadata says it cannot verify ES256 proofs. */
  static void checkSupported(ServerMetadata metadata) {
    List<String> algorithms = metadata.dpopSigningAlgValuesSupportedOrNull();
    if (algorithms != null && !algorithms.contains(DpopKey.ALGORITHM)) {
      throw new IllegalStateException("the server's dpop_signing_alg_values_supported " + algorithms
          + " lacks ES256, which pkce4j signs DPoP proofs with (RFC 9449 section 5.1)");
    }
  }

  /** {@code request} with a fresh proof for its method and URL in the {@code DPoP} header. */
  static TransportRequest withProof(DpopProofs proofs, TransportRequest request) {
    return request.withHeader(DpopProofs.HEADER, proofs.proof(request.method(), request.url()));
  }

  /**
   * RFC 9449 section 8: remembers the answer's {@code DPoP-Nonce}, and if the answer is a 400
   * {@code use_dpop_nonce} error to a request that carried a proof, returns that request with a
   * fresh proof carrying the nonce; else {@code null}.
   */
  static TransportRequest retryOrNull(DpopProofs proofs, TransportRequest sent,
      TransportResponse answer) {
    boolean remembered = proofs.rememberNonce(sent.url(),
        answer.headerOrNull(DpopProofs.NONCE_HEADER));
    if (!remembered || answer.status() != 400 || !sent.headers().containsKey(DpopProofs.HEADER)
        || !USE_DPOP_NONCE.equals(errorOrNull(answer))) {
      return null;
    }
    return withProof(proofs, sent);
  }

  private static String errorOrNull(TransportResponse answer) {
    String what = "token endpoint error response";
    try {
      Map<String, Object> members = JsonMembers.parseObject(answer.bodyNoCopy(), what,
          answer.status(), answer.headerOrNull("Content-Type"));
      Object error = members.get("error");
      return error instanceof String ? (String) error : null;
    } catch (ResponseRejectedException e) {
      return null; // not a JSON error: tokenResponse reports it
    }
  }

  /**
   * RFC 9449 section 5: a token issued for a DPoP proof has {@code token_type} DPoP (compared
   * case-insensitively, RFC 6749 section 7.1). Another type is refused when DPoP is required; when
   * it is only wanted if supported, the server's choice of a Bearer token is accepted.
   */
  static void checkTokenType(TokenResponse tokens, boolean required) {
    if (!required || tokens.tokenType().equalsIgnoreCase("DPoP")) {
      return;
    }
    throw new ResponseRejectedException(ResponseRejectedException.TOKEN_NOT_BOUND,
        "token endpoint answered token_type " + PrintableText.of(tokens.tokenType(), 40)
            + " to a request with a DPoP proof; RFC 9449 section 5 requires token_type DPoP for"
            + " a DPoP-bound token, and this flow requires DPoP, so the token is refused (check"
            + " that the client is registered for DPoP at the server)");
  }
}
