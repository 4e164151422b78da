package io.github.pkce4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pkce4j.internal.PrintableText;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Fuzzes {@link CodeVerifier#parse}: it accepts exactly the RFC 7636 section 4.1 verifiers (43 to
 * 128 characters of {@code [A-Za-z0-9-._~]}, checked here against an independent regular
 * expression), keeps the value unchanged, yields a 43-character S256 challenge that verifies,
 * and otherwise throws {@link PkceException} with {@code invalid_request} whose message is
 * printable and never quotes the input.
 *
 * <p>{@code mvn verify} replays the seeds in {@code
 * src/test/resources/io/github/pkce4j/CodeVerifierFuzzTestInputs/parse/}; to fuzz for real:
 * {@code JAZZER_FUZZ=1 mvn -pl pkce-core test -Dtest=CodeVerifierFuzzTest}.
 */
class CodeVerifierFuzzTest {
  static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  @FuzzTest(maxDuration = "10m")
  void parse(byte[] data) {
    String input = new String(data, StandardCharsets.UTF_8);
    CodeVerifier verifier;
    try {
      verifier = CodeVerifier.parse(input);
    } catch (PkceException refused) {
      assertFalse(VERIFIER.matcher(input).matches(), "a valid verifier was refused");
      assertEquals(PkceException.INVALID_REQUEST, refused.errorCode());
      assertTrue(PrintableText.isPrintable(refused.getMessage()));
      if (input.length() >= 8) {
        assertFalse(refused.getMessage().contains(input), "the message quotes the input");
      }
      return;
    }
    assertTrue(VERIFIER.matcher(input).matches(), "an invalid verifier was accepted");
    assertEquals(input, verifier.value());
    CodeChallenge challenge = CodeChallenge.s256(verifier);
    assertTrue(challenge.value().matches("[A-Za-z0-9_-]{43}"));
    assertTrue(challenge.matches(verifier));
  }
}
