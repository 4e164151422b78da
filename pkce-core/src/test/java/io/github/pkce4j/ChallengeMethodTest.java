package io.github.pkce4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChallengeMethodTest {
  @Test
  void parse_exactValues() {
    assertSame(ChallengeMethod.S256, ChallengeMethod.parse("S256"));
    assertSame(ChallengeMethod.PLAIN, ChallengeMethod.parse("plain"));
    assertEquals("S256", ChallengeMethod.S256.parameterValue());
    assertEquals("plain", ChallengeMethod.PLAIN.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"s256", "PLAIN", "Plain", "S256 ", " S256", "", "SHA256", "S512"})
  void parse_otherSpelling_throwsInvalidRequest(String value) {
    PkceException e = assertThrows(PkceException.class, () -> ChallengeMethod.parse(value));
    assertEquals(PkceException.INVALID_REQUEST, e.errorCode());
    assertEquals("code_challenge_method is not S256 or plain; RFC 7636 section 4.3 defines only these"
        + " two (case-sensitive)", e.description());
  }

  @Test
  void parse_null_throwsNullPointer() {
    assertThrows(NullPointerException.class, () -> ChallengeMethod.parse(null));
  }
}
