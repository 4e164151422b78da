package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** RFC 9449 section 9: recognising a resource server's nonce challenge. */
class DpopChallengesTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "DPoP error=\"use_dpop_nonce\", error_description=\"Resource server requires nonce in DPoP"
          + " proof\"",
      "DPoP error=\"use_dpop_nonce\"",
      "dpop error=use_dpop_nonce",
      "DPOP ERROR=\"use_dpop_nonce\"",
      "DPoP algs=\"ES256 PS256\", error=\"use_dpop_nonce\"",
      "Bearer realm=\"x\", DPoP error=\"use_dpop_nonce\"",
      "Bearer, DPoP error=\"use_dpop_nonce\"",
      "DPoP  error = \"use_dpop_nonce\"",
      "DPoP\terror=\"use_dpop_nonce\"",
      ",DPoP error=\"use_\\dpop_nonce\"",
      "DPoP realm=\"a\\\"b\", error=\"use_dpop_nonce\"",
      "DPoP error\t=\t\"use_dpop_nonce\"",
      "Az09za realm=x, DPoP error=\"use_dpop_nonce\"",
      "x`y|z~ realm=x, DPoP error=\"use_dpop_nonce\"",
  })
  void isNonceChallenge_dpopUseDpopNonce_true(String header) {
    assertEquals(true, DpopProofs.isNonceChallenge(header), header);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "DPoP",
      "DPoP error=\"invalid_token\"",
      "Bearer error=\"use_dpop_nonce\"",
      "Bearer error=\"use_dpop_nonce\", DPoP",
      "DPoP error=\"USE_DPOP_NONCE\"",
      "DPoP error=\"use_dpop_nonce",
      "DPoP error=",
      "DPoP error_description=\"use_dpop_nonce\"",
      "DPoP xerror=\"use_dpop_nonce\"",
      "DPoPx error=\"use_dpop_nonce\"",
      "DPoP error=\"use_dpop_nonce_\"",
      "DPoP (error=\"use_dpop_nonce\")",
      "DPoP error=use_dpop_nonce2",
      "DPoP error=\"use_dpop_nonce\\",
      "x@y realm=1, DPoP error=\"use_dpop_nonce\"",
      "x[y realm=1, DPoP error=\"use_dpop_nonce\"",
      "x{y realm=1, DPoP error=\"use_dpop_nonce\"",
      "x/y realm=1, DPoP error=\"use_dpop_nonce\"",
      "x:y realm=1, DPoP error=\"use_dpop_nonce\"",
  })
  void isNonceChallenge_otherChallenges_false(String header) {
    assertEquals(false, DpopProofs.isNonceChallenge(header), header);
  }

  @Test
  void isNonceChallenge_nullOrOverLong_false() {
    assertEquals(false, DpopProofs.isNonceChallenge(null));
    char[] pad = new char[DpopChallenges.MAX_CHARS - "DPoP error=use_dpop_nonce".length()];
    Arrays.fill(pad, ' ');
    String atLimit = new String(pad) + "DPoP error=use_dpop_nonce";
    assertEquals(true, DpopProofs.isNonceChallenge(atLimit));
    assertEquals(false, DpopProofs.isNonceChallenge(" " + atLimit));
  }
}
