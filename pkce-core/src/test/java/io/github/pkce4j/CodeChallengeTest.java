package io.github.pkce4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodeChallengeTest {
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 42, 44, 64})
  void parseS256_lengthNot43_throws(int length) {
    String value = (CHALLENGE + CHALLENGE).substring(0, Math.min(length, 86));
    PkceException e = assertThrows(PkceException.class,
        () -> CodeChallenge.parse(value, ChallengeMethod.S256));
    assertEquals(PkceException.INVALID_REQUEST, e.errorCode());
    assertEquals("S256 code_challenge has " + length + " characters; RFC 7636 section 4.2 requires"
        + " exactly 43 (unpadded base64url of SHA-256)", e.description());
  }

  @Test
  void parseS256_paddedForm_throws() {
    assertThrows(PkceException.class,
        () -> CodeChallenge.parse(CHALLENGE + "=", ChallengeMethod.S256));
    assertThrows(PkceException.class,
        () -> CodeChallenge.parse(CHALLENGE.substring(0, 42) + "=", ChallengeMethod.S256));
  }

  @Test
  void parseS256_everyCharFrom0To255InFirstPosition_acceptsExactlyBase64url() {
    List<String> wrong = new ArrayList<>();
    for (char c = 0; c <= 255; c++) {
      String value = c + CHALLENGE.substring(1);
      boolean accepted;
      try {
        CodeChallenge.parse(value, ChallengeMethod.S256);
        accepted = true;
      } catch (PkceException e) {
        accepted = false;
        assertEquals("S256 code_challenge is not canonical unpadded base64url ([A-Za-z0-9_-],"
            + " last character's unused bits zero); RFC 7636 section 4.2 and Appendix A", e.description());
      }
      if (accepted != (ALPHABET.indexOf(c) >= 0)) {
        wrong.add("char " + (int) c + " accepted=" + accepted);
      }
    }
    assertEquals(new ArrayList<String>(), wrong);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u00e9", "\u0100", "\ud83d", "\ude00", "\u4e2d", "\uff21"})
  void parseS256_nonAscii_throws(String odd) {
    String value = CHALLENGE.substring(0, 42) + odd;
    assertThrows(PkceException.class, () -> CodeChallenge.parse(value, ChallengeMethod.S256));
  }

  @Test
  void parseS256_surrogatePair_throws() {
    String value = CHALLENGE.substring(0, 41) + "\ud83d\ude00";
    assertThrows(PkceException.class, () -> CodeChallenge.parse(value, ChallengeMethod.S256));
  }

  @Test
  void parseS256_lastCharWithNonZeroUnusedBits_throws() {
    // 43 chars carry 258 bits for 256: the last char's low two bits must be zero, so only every
    // fourth alphabet letter may end an S256 challenge.
    String prefix = CHALLENGE.substring(0, 42);
    int accepted = 0;
    for (int i = 0; i < 64; i++) {
      String value = prefix + ALPHABET.charAt(i);
      boolean canonical = (i & 3) == 0;
      try {
        CodeChallenge.parse(value, ChallengeMethod.S256);
        assertTrue(canonical, "accepted a non-canonical last char " + ALPHABET.charAt(i));
        accepted++;
      } catch (PkceException e) {
        assertFalse(canonical, "refused a canonical last char " + ALPHABET.charAt(i));
      }
    }
    assertEquals(16, accepted);
  }

  @Test
  void parsePlain_appliesVerifierRules() {
    CodeChallenge plain = CodeChallenge.parse(VERIFIER, ChallengeMethod.PLAIN);
    assertEquals(ChallengeMethod.PLAIN, plain.method());
    assertEquals(VERIFIER, plain.value());
    PkceException e = assertThrows(PkceException.class,
        () -> CodeChallenge.parse(VERIFIER.substring(1), ChallengeMethod.PLAIN));
    assertEquals(PkceException.INVALID_REQUEST, e.errorCode());
    assertEquals("plain code_challenge has 42 characters; RFC 7636 section 4.1 requires 43 to 128"
        + " (RFC 7636 section 4.2: a plain challenge is a code_verifier)", e.description());
  }

  @Test
  void verify_matchingVerifier_returns() {
    CodeChallenge challenge = CodeChallenge.parse(CHALLENGE, ChallengeMethod.S256);
    challenge.verify(CodeVerifier.parse(VERIFIER));
    assertTrue(challenge.matches(CodeVerifier.parse(VERIFIER)));
  }

  @Test
  void verify_otherVerifier_throwsInvalidGrant() {
    CodeChallenge challenge = CodeChallenge.parse(CHALLENGE, ChallengeMethod.S256);
    CodeVerifier other = CodeVerifier.parse(VERIFIER.substring(0, 42) + "j");
    assertFalse(challenge.matches(other));
    PkceException e = assertThrows(PkceException.class, () -> challenge.verify(other));
    assertEquals(PkceException.INVALID_GRANT, e.errorCode());
    assertEquals("code_verifier does not match the S256 code_challenge; RFC 7636 section 4.6",
        e.description());
    assertEquals("invalid_grant: code_verifier does not match the S256 code_challenge;"
        + " RFC 7636 section 4.6", e.getMessage());
  }

  @Test
  void plainInsecurely_matchesOnlyItsVerifier() {
    CodeVerifier verifier = CodeVerifier.parse(VERIFIER);
    CodeChallenge plain = CodeChallenge.plainInsecurely(verifier);
    assertEquals(ChallengeMethod.PLAIN, plain.method());
    assertEquals(VERIFIER, plain.value());
    plain.verify(verifier);
    CodeVerifier other = CodeVerifier.parse(VERIFIER + "x");
    assertFalse(plain.matches(other));
    PkceException e = assertThrows(PkceException.class, () -> plain.verify(other));
    assertEquals("code_verifier does not match the plain code_challenge; RFC 7636 section 4.6",
        e.description());
  }

  @Test
  void plainChallenge_doesNotMatchVerifierWhoseS256ItIs() {
    // A downgrade: the attacker sends the S256 value as a plain challenge.
    CodeChallenge asPlain = CodeChallenge.parse(CHALLENGE, ChallengeMethod.PLAIN);
    assertFalse(asPlain.matches(CodeVerifier.parse(VERIFIER)));
  }

  @Test
  void s256_challengeValueAsVerifier_doesNotMatch() {
    CodeChallenge s256 = CodeChallenge.parse(CHALLENGE, ChallengeMethod.S256);
    assertFalse(s256.matches(CodeVerifier.parse(CHALLENGE)));
  }

  @Test
  void equalsAndHashCode_byMethodAndValue() {
    CodeChallenge a = CodeChallenge.s256(CodeVerifier.parse(VERIFIER));
    CodeChallenge b = CodeChallenge.parse(CHALLENGE, ChallengeMethod.S256);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertEquals(a, a);
    assertNotEquals(a, CodeChallenge.s256(CodeVerifier.parse(CHALLENGE)));
    assertNotEquals(a, CodeChallenge.parse(CHALLENGE, ChallengeMethod.PLAIN));
    assertNotEquals(a, CHALLENGE);
    assertNotEquals(CodeChallenge.parse(CHALLENGE, ChallengeMethod.PLAIN).hashCode(),
        b.hashCode());
  }

  @Test
  void toString_showsS256ButRedactsPlain() {
    assertEquals("CodeChallenge[S256, " + CHALLENGE + "]",
        CodeChallenge.parse(CHALLENGE, ChallengeMethod.S256).toString());
    assertEquals("CodeChallenge[plain, redacted]",
        CodeChallenge.plainInsecurely(CodeVerifier.parse(VERIFIER)).toString());
  }

  @Test
  void nullArguments_throwNullPointer() {
    CodeChallenge c = CodeChallenge.parse(CHALLENGE, ChallengeMethod.S256);
    CodeVerifier v = CodeVerifier.parse(VERIFIER);
    assertThrows(NullPointerException.class, () -> CodeChallenge.s256(null));
    assertThrows(NullPointerException.class, () -> CodeChallenge.s256(v, null));
    assertThrows(NullPointerException.class, () -> CodeChallenge.plainInsecurely(null));
    assertThrows(NullPointerException.class, () -> CodeChallenge.parse(null, ChallengeMethod.S256));
    assertThrows(NullPointerException.class, () -> CodeChallenge.parse(CHALLENGE, null));
    assertThrows(NullPointerException.class, () -> c.verify(null));
    assertThrows(NullPointerException.class, () -> c.matches(v, null));
  }
}
