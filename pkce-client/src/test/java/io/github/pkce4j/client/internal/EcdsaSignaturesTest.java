package io.github.pkce4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Public so that other packages' tests can use {@link #der} to check signatures independently. */
public class EcdsaSignaturesTest {
  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  /** The test's own DER writer: two minimal positive INTEGERs in a SEQUENCE. */
  public static byte[] der(BigInteger r, BigInteger s) {
    byte[] rb = r.toByteArray();
    byte[] sb = s.toByteArray();
    byte[] out = new byte[6 + rb.length + sb.length];
    out[0] = 0x30;
    out[1] = (byte) (4 + rb.length + sb.length);
    out[2] = 0x02;
    out[3] = (byte) rb.length;
    System.arraycopy(rb, 0, out, 4, rb.length);
    out[4 + rb.length] = 0x02;
    out[5 + rb.length] = (byte) sb.length;
    System.arraycopy(sb, 0, out, 6 + rb.length, sb.length);
    return out;
  }

  @Test
  void derToJose_smallIntegers_leftPadded() {
    byte[] jose = EcdsaSignatures.derToJose(bytes(0x30, 0x06, 0x02, 0x01, 0x05, 0x02, 0x01, 0x07), 4);

    assertArrayEquals(bytes(0, 0, 0, 5, 0, 0, 0, 7), jose);
  }

  @Test
  void derToJose_highBitIntegersWithSignByte_stripped() {
    byte[] der = hex("300a" + "020300ff01" + "020300800a");

    assertArrayEquals(bytes(0, 0xff, 1, 0, 0x80, 0x0a), EcdsaSignatures.derToJose(der, 3));
  }

  @Test
  void derToJose_fullSizeIntegers_copiedExactly() {
    byte[] der = hex("3012" + "0208" + "0102030405060708" + "0206" + "0a0b0c0d0e0f");

    assertArrayEquals(hex("0102030405060708" + "00000a0b0c0d0e0f"),
        EcdsaSignatures.derToJose(der, 8));
  }

  @Test
  void derToJose_realSignatures_roundTripWithTheTestsOwnDer() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    for (int i = 0; i < 200; i++) {
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(pair.getPrivate());
      signer.update(new byte[] {(byte) i});
      byte[] der = signer.sign();

      byte[] jose = EcdsaSignatures.derToJose(der, 32);

      assertEquals(64, jose.length);
      byte[] back = der(new BigInteger(1, Arrays.copyOf(jose, 32)),
          new BigInteger(1, Arrays.copyOfRange(jose, 32, 64)));
      assertArrayEquals(der, back);
    }
  }

  @Test
  void derToJose_shorterThanTheSmallestSignature_refused() {
    assertThrows(IllegalArgumentException.class,
        () -> EcdsaSignatures.derToJose(hex("30050201050201"), 4));
    assertThrows(IllegalArgumentException.class, () -> EcdsaSignatures.derToJose(new byte[0], 4));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "31060201050201070000", // SET, not SEQUENCE
      "3107020105020107", // tag 0x31
      "300602010502010700", // trailing byte outside the sequence
      "3007020105020107", // SEQUENCE length too long
      "3005020105020107", // SEQUENCE length too short
      "3081060201050201", // long-form length
      "3008020105020107" + "0000", // two bytes after the INTEGERs
      "3006030105020107", // first element not an INTEGER
      "3006020105030107", // second element not an INTEGER
      "3006020005020207", // zero-length INTEGER
      "300602018502010700", // negative r (and trailing)
      "3006020185020107", // negative r
      "3006020105020187", // negative s
      "30070202000502010700", // non-minimal r
      "3007020200050201070000",
      "3007020105020200070000",
      "3007020200050201" + "07", // non-minimal r, exact length
      "3007020105020200" + "07", // non-minimal s, exact length
      "3006020100020107", // r = 0
      "3006020105020100", // s = 0
      "300a0206010203040506020107", // r longer than size + 1
      "3008020300000102010700", // r = 00 00 01: non-minimal
      "30080203000001020107", // non-minimal, exact
      "3009020501020304050201", // s truncated
      "30090205010203040502010700",
      "300902050102030405020107", // r of 5 bytes > size 4
      "300a020600ff0102030402010700",
      "300a020600ff01020304020107", // r of 5 value bytes after sign byte > 4
      "3008020105020307", // s length runs past the end
      "30080201050202" + "0007", // s non-minimal
      "300802010502047f", // s length runs past the end
  })
  void derToJose_malformed_refusedNamingTheRule(String input) {
    byte[] der = hex(input);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EcdsaSignatures.derToJose(der, 4));

    assertTrue(e.getMessage().startsWith("ECDSA signature "), e.getMessage());
    assertTrue(e.getMessage().endsWith("(RFC 3279 section 2.2.3)"), e.getMessage());
  }

  @Test
  void derToJose_messages_nameTheProblem() {
    assertEquals("ECDSA signature does not start with a DER SEQUENCE (RFC 3279 section 2.2.3)",
        assertThrows(IllegalArgumentException.class,
            () -> EcdsaSignatures.derToJose(hex("3106020105020107"), 4)).getMessage());
    assertEquals("ECDSA signature SEQUENCE length 7 does not match the 6 bytes that follow"
        + " (short-form lengths only) (RFC 3279 section 2.2.3)",
        assertThrows(IllegalArgumentException.class,
            () -> EcdsaSignatures.derToJose(hex("3007020105020107"), 4)).getMessage());
    assertEquals("ECDSA signature has a negative INTEGER at offset 5 (RFC 3279 section 2.2.3)",
        assertThrows(IllegalArgumentException.class,
            () -> EcdsaSignatures.derToJose(hex("3006020105020187"), 4)).getMessage());
    assertEquals("ECDSA signature has a non-minimal INTEGER at offset 2 (RFC 3279 section"
        + " 2.2.3)", assertThrows(IllegalArgumentException.class,
            () -> EcdsaSignatures.derToJose(hex("300702020005020107"), 4)).getMessage());
    assertEquals("ECDSA signature has 1 bytes after the two INTEGERs (RFC 3279 section 2.2.3)",
        assertThrows(IllegalArgumentException.class,
            () -> EcdsaSignatures.derToJose(hex("300702010502010700"), 4)).getMessage());
    assertEquals("ECDSA signature lacks an INTEGER at offset 5 (RFC 3279 section 2.2.3)",
        assertThrows(IllegalArgumentException.class,
            () -> EcdsaSignatures.derToJose(hex("3006020105030107"), 4)).getMessage());
    assertEquals("ECDSA signature has an INTEGER out of range at offset 2 (RFC 3279 section"
        + " 2.2.3)", assertThrows(IllegalArgumentException.class,
            () -> EcdsaSignatures.derToJose(hex("3006020100020107"), 4)).getMessage());
    assertEquals("ECDSA signature has an INTEGER of length 6 at offset 2 (RFC 3279 section"
        + " 2.2.3)", assertThrows(IllegalArgumentException.class,
            () -> EcdsaSignatures.derToJose(hex("300b" + "0206010203040506" + "020107"), 4))
            .getMessage());
  }

  @Test
  void derToJose_integerOfSizePlusOneWithSignByte_accepted() {
    byte[] der = hex("300a" + "020500ff000001" + "020101");

    assertArrayEquals(bytes(0xff, 0, 0, 1, 0, 0, 0, 1), EcdsaSignatures.derToJose(der, 4));
  }

  @Test
  void derToJose_integersWithNonZeroFirstByte_accepted() {
    assertArrayEquals(hex("00010203" + "00040506"),
        EcdsaSignatures.derToJose(hex("300a" + "0203010203" + "0203040506"), 4));
  }

  @Test
  void derToJose_secondIntegerTagIsTheLastByte_refusedAsMalformed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> EcdsaSignatures.derToJose(hex("3006" + "0203010203" + "02"), 4));
    assertEquals("ECDSA signature lacks an INTEGER at offset 7 (RFC 3279 section 2.2.3)",
        e.getMessage());
  }
}
