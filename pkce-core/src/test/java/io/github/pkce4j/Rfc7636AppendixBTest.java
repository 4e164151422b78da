package io.github.pkce4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.internal.Base64Url;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/** The worked examples of RFC 7636 Appendix A and Appendix B. */
class Rfc7636AppendixBTest {
  /** RFC 7636 Appendix B: the 32 octets the client generates. */
  private static final byte[] APPENDIX_B_OCTETS = {
      116, 24, (byte) 223, (byte) 180, (byte) 151, (byte) 153, (byte) 224, 37, 79, (byte) 250,
      96, 125, (byte) 216, (byte) 173, (byte) 187, (byte) 186, 22, (byte) 212, 37, 77, 105,
      (byte) 214, (byte) 191, (byte) 240, 91, 88, 5, 88, 83, (byte) 132, (byte) 141, 121};
  private static final String APPENDIX_B_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String APPENDIX_B_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  @Test
  void appendixB_octetsEncodeToVerifier() {
    SecureRandom fixed = new FixedBytesRandom(APPENDIX_B_OCTETS);
    assertEquals(APPENDIX_B_VERIFIER, CodeVerifier.generate(fixed).value());
  }

  @Test
  void appendixB_verifierHashesToChallenge() {
    CodeChallenge challenge = CodeChallenge.s256(CodeVerifier.parse(APPENDIX_B_VERIFIER));
    assertEquals(APPENDIX_B_CHALLENGE, challenge.value());
    assertEquals(ChallengeMethod.S256, challenge.method());
  }

  @Test
  void appendixB_parsedChallengeVerifiesVerifier() {
    CodeChallenge challenge = CodeChallenge.parse(APPENDIX_B_CHALLENGE, ChallengeMethod.S256);
    assertTrue(challenge.matches(CodeVerifier.parse(APPENDIX_B_VERIFIER)));
    challenge.verify(CodeVerifier.parse(APPENDIX_B_VERIFIER));
  }

  @Test
  void appendixA_base64urlExample() {
    // RFC 7636 Appendix A: the octets 3, 236, 255, 224, 193 encode to "A-z_4ME".
    byte[] octets = {3, (byte) 236, (byte) 255, (byte) 224, (byte) 193};
    assertEquals("A-z_4ME", Base64Url.encode(octets));
    org.junit.jupiter.api.Assertions.assertArrayEquals(octets, Base64Url.decodeOrNull("A-z_4ME"));
  }
}
