package io.github.pkce4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pkce4j.internal.PrintableText;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Fuzzes {@link CodeChallenge#parse}: an S256 challenge is accepted exactly when it is the
 * canonical unpadded base64url spelling of 32 bytes (checked here with {@link Base64}, an
 * independent codec: decode, re-encode, compare), a plain challenge exactly when it is a valid
 * verifier (RFC 7636 sections 4.1, 4.2); an accepted value is kept unchanged; anything else is a
 * {@link PkceException} with {@code invalid_request} and a printable message.
 *
 * <p>Input layout: the first byte's low bit picks the method (1 = plain), the rest is the value
 * as UTF-8. Seeds: {@code src/test/resources/io/github/pkce4j/CodeChallengeFuzzTestInputs/parse/};
 * to fuzz for real: {@code JAZZER_FUZZ=1 mvn -pl pkce-core test -Dtest=CodeChallengeFuzzTest}.
 */
class CodeChallengeFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void parse(byte[] data) {
    if (data.length == 0) {
      return;
    }
    ChallengeMethod method = (data[0] & 1) == 1 ? ChallengeMethod.PLAIN : ChallengeMethod.S256;
    String input = new String(data, 1, data.length - 1, StandardCharsets.UTF_8);
    boolean valid = method == ChallengeMethod.PLAIN
        ? CodeVerifierFuzzTest.VERIFIER.matcher(input).matches() : isCanonicalDigest(input);
    CodeChallenge challenge;
    try {
      challenge = CodeChallenge.parse(input, method);
    } catch (PkceException refused) {
      assertFalse(valid, "a valid challenge was refused: " + refused.getMessage());
      assertEquals(PkceException.INVALID_REQUEST, refused.errorCode());
      assertTrue(PrintableText.isPrintable(refused.getMessage()));
      return;
    }
    assertTrue(valid, "an invalid challenge was accepted");
    assertEquals(input, challenge.value());
    assertEquals(method, challenge.method());
    if (method == ChallengeMethod.PLAIN) {
      assertTrue(challenge.matches(CodeVerifier.parse(input)));
    }
  }

  private static boolean isCanonicalDigest(String input) {
    if (!input.matches("[A-Za-z0-9_-]{43}")) {
      return false;
    }
    byte[] digest = Base64.getUrlDecoder().decode(input);
    return digest.length == 32
        && Base64.getUrlEncoder().withoutPadding().encodeToString(digest).equals(input);
  }
}
