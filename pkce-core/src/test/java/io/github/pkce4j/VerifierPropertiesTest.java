package io.github.pkce4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The laws of verifiers and challenges, checked on random inputs. */
class VerifierPropertiesTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String UNRESERVED =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

  @Provide
  Arbitrary<String> verifiers() {
    return Arbitraries.strings().withChars(UNRESERVED.toCharArray()).ofMinLength(43)
        .ofMaxLength(128);
  }

  @Property(tries = 300)
  void generate_isAlwaysValidAndRoundTrips(@ForAll @IntRange(min = 32, max = 96) int bytes) {
    CodeVerifier generated = CodeVerifier.generate(RANDOM, bytes);
    String value = generated.value();
    assertTrue(value.matches("[A-Za-z0-9_-]{43,128}"), "generated verifier uses base64url only");
    assertEquals(value, CodeVerifier.parse(value).value());
    assertEquals((bytes * 4 + 2) / 3, value.length());
  }

  @Property(tries = 300)
  void parse_valueRoundTrips(@ForAll("verifiers") String value) {
    assertEquals(value, CodeVerifier.parse(value).value());
  }

  @Property(tries = 300)
  void challenge_isAFunctionOfTheVerifier(@ForAll("verifiers") String value) {
    CodeChallenge a = CodeChallenge.s256(CodeVerifier.parse(value));
    CodeChallenge b = CodeChallenge.s256(CodeVerifier.parse(value));
    assertEquals(a.value(), b.value());
    assertEquals(a, CodeChallenge.parse(a.value(), ChallengeMethod.S256));
  }

  @Property(tries = 300)
  void challenge_verifiesOwnVerifierAndRefusesMutations(@ForAll("verifiers") String value,
      @ForAll @IntRange(min = 0, max = 127) int position,
      @ForAll @IntRange(min = 1, max = 65) int shift) {
    CodeVerifier verifier = CodeVerifier.parse(value);
    CodeChallenge challenge = CodeChallenge.s256(verifier);
    assertTrue(challenge.matches(verifier));

    int at = position % value.length();
    char replaced = UNRESERVED.charAt((UNRESERVED.indexOf(value.charAt(at)) + shift) % 66);
    String mutated = value.substring(0, at) + replaced + value.substring(at + 1);
    assertFalse(challenge.matches(CodeVerifier.parse(mutated)), "one character changed");

    if (value.length() > 43) {
      assertFalse(challenge.matches(CodeVerifier.parse(value.substring(0, value.length() - 1))),
          "truncated");
    }
    if (value.length() < 128) {
      assertFalse(challenge.matches(CodeVerifier.parse(value + replaced)), "extended");
    }
  }

  @Property(tries = 200)
  void plainChallenge_verifiesOnlyItself(@ForAll("verifiers") String value,
      @ForAll("verifiers") String other) {
    CodeChallenge plain = CodeChallenge.plainInsecurely(CodeVerifier.parse(value));
    assertTrue(plain.matches(CodeVerifier.parse(value)));
    assertEquals(value.equals(other), plain.matches(CodeVerifier.parse(other)));
  }
}
