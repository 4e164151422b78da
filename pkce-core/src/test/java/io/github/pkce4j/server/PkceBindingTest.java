package io.github.pkce4j.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.pkce4j.ChallengeMethod;
import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.CodeVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PkceBindingTest {
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  @Test
  void serialize_formsAndRoundTrip() {
    PkceBinding s256 = PkceBinding.of(CodeChallenge.parse(CHALLENGE, ChallengeMethod.S256));
    PkceBinding plain = PkceBinding.of(CodeChallenge.plainInsecurely(CodeVerifier.parse(VERIFIER)));
    assertEquals("S256:" + CHALLENGE, s256.serialize());
    assertEquals("plain:" + VERIFIER, plain.serialize());
    assertEquals("none", PkceBinding.none().serialize());
    assertEquals(s256, PkceBinding.parse(s256.serialize()));
    assertEquals(s256.hashCode(), PkceBinding.parse(s256.serialize()).hashCode());
    assertEquals(plain, PkceBinding.parse(plain.serialize()));
    assertSame(PkceBinding.none(), PkceBinding.parse("none"));
    assertNotEquals(s256, plain);
    assertNotEquals(s256, PkceBinding.none());
    assertNotEquals(PkceBinding.none(), s256);
    assertNotEquals(s256, "S256:" + CHALLENGE);
    assertEquals(0, PkceBinding.none().hashCode());
    assertEquals(s256, s256);
    assertEquals(PkceBinding.none(), PkceBinding.none());
    assertEquals(CodeChallenge.parse(CHALLENGE, ChallengeMethod.S256).hashCode(), s256.hashCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "None", "NONE", "S256", "S256:", "s256:" + CHALLENGE,
      "S256:" + CHALLENGE + "=", "plain:short", "sha:" + CHALLENGE, ":" + CHALLENGE})
  void parse_garbage_throwsIllegalArgument(String serialized) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PkceBinding.parse(serialized));
    assertFalse(e.getMessage().isEmpty());
  }

  @Test
  void challenge_onNone_throwsIllegalState() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> PkceBinding.none().challenge());
    assertEquals("this code was issued without a code_challenge", e.getMessage());
    assertFalse(PkceBinding.none().hasChallenge());
  }

  @Test
  void toString_redactsPlain() {
    assertEquals("PkceBinding[none]", PkceBinding.none().toString());
    assertEquals("PkceBinding[CodeChallenge[S256, " + CHALLENGE + "]]",
        PkceBinding.of(CodeChallenge.parse(CHALLENGE, ChallengeMethod.S256)).toString());
    assertEquals("PkceBinding[CodeChallenge[plain, redacted]]",
        PkceBinding.of(CodeChallenge.parse(VERIFIER, ChallengeMethod.PLAIN)).toString());
  }

  @Test
  void nulls_throwNullPointer() {
    assertThrows(NullPointerException.class, () -> PkceBinding.of(null));
    assertThrows(NullPointerException.class, () -> PkceBinding.parse(null));
  }
}
