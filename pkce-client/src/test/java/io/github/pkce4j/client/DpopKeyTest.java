package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.client.internal.Json;
import io.github.pkce4j.internal.Base64Url;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DpopKeyTest {
  private static final BigInteger P = new BigInteger(
      "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
  private static final BigInteger N = new BigInteger(
      "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);

  static KeyPair pair(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  private static String b64(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] fixed = new byte[32];
    int skip = raw.length > 32 ? raw.length - 32 : 0;
    System.arraycopy(raw, skip, fixed, 32 - (raw.length - skip), raw.length - skip);
    return Base64Url.encode(fixed);
  }

  private static String jwk(String kty, String crv, String x, String y, String d) {
    return "{\"kty\":\"" + kty + "\",\"crv\":\"" + crv + "\",\"x\":\"" + x + "\",\"y\":\"" + y
        + "\",\"d\":\"" + d + "\"}";
  }

  /** Verifies a JOSE R||S signature with JCA, converting it to DER with the test's own code. */
  static boolean verifyEs256(ECPublicKey key, byte[] input, byte[] jose) throws Exception {
    assertEquals(64, jose.length);
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(key);
    verifier.update(input);
    return verifier.verify(io.github.pkce4j.client.internal.EcdsaSignaturesTest.der(
        new BigInteger(1, Arrays.copyOf(jose, 32)),
        new BigInteger(1, Arrays.copyOfRange(jose, 32, 64))));
  }

  @Test
  void generate_publicJwk_hasExactlyTheEcMembersWithFixedLengthCoordinates() {
    for (int i = 0; i < 20; i++) {
      DpopKey key = DpopKey.generate();

      Map<String, Object> jwk = Json.parseObject(key.publicJwk());

      assertEquals(Arrays.asList("kty", "crv", "x", "y"), new ArrayList<String>(jwk.keySet()));
      assertEquals("EC", jwk.get("kty"));
      assertEquals("P-256", jwk.get("crv"));
      byte[] x = Base64Url.decodeOrNull((String) jwk.get("x"));
      byte[] y = Base64Url.decodeOrNull((String) jwk.get("y"));
      assertEquals(32, x.length);
      assertEquals(32, y.length);
      assertEquals(key.publicKey().getW().getAffineX(), new BigInteger(1, x));
      assertEquals(key.publicKey().getW().getAffineY(), new BigInteger(1, y));
    }
  }

  @Test
  void thumbprint_isRfc7638OfThePublicJwk_computedIndependently() throws Exception {
    DpopKey key = DpopKey.generate();
    Map<String, Object> jwk = Json.parseObject(key.publicJwk());
    String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + jwk.get("x") + "\",\"y\":\""
        + jwk.get("y") + "\"}";

    byte[] digest = MessageDigest.getInstance("SHA-256")
        .digest(canonical.getBytes(StandardCharsets.UTF_8));

    assertEquals(Base64Url.encode(digest), key.thumbprint());
    assertEquals(43, key.thumbprint().length());
  }

  @Test
  void generate_twice_differentKeys() {
    assertNotEquals(DpopKey.generate().thumbprint(), DpopKey.generate().thumbprint());
  }

  @Test
  void generate_withRandom_usesIt() throws Exception {
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    DpopKey key = DpopKey.generate(random);
    assertTrue(key.isSerializable());
  }

  @Test
  void serializeThenParse_sameKeyAndItSigns() throws Exception {
    DpopKey key = DpopKey.generate();
    String saved = key.serialize();

    DpopKey restored = DpopKey.parse(saved);

    assertEquals(key.thumbprint(), restored.thumbprint());
    assertEquals(key.publicJwk(), restored.publicJwk());
    assertEquals(saved, restored.serialize());
    byte[] input = "abc".getBytes(StandardCharsets.US_ASCII);
    assertTrue(verifyEs256(key.publicKey(), input, restored.sign(input)));
    Map<String, Object> members = Json.parseObject(saved);
    assertEquals(Arrays.asList("kty", "crv", "x", "y", "d"),
        new ArrayList<String>(members.keySet()));
  }

  @Test
  void serialize_dIsTheScalarLeftPaddedTo32Bytes() throws Exception {
    KeyPair pair = pair("secp256r1");
    DpopKey key = DpopKey.of(pair);

    String d = (String) Json.parseObject(key.serialize()).get("d");

    assertEquals(((ECPrivateKey) pair.getPrivate()).getS(),
        new BigInteger(1, Base64Url.decodeOrNull(d)));
    assertEquals(43, d.length());
  }

  @Test
  void sign_producesJoseSignaturesThatJcaVerifies() throws Exception {
    DpopKey key = DpopKey.generate();
    for (int i = 0; i < 50; i++) {
      byte[] input = ("message " + i).getBytes(StandardCharsets.US_ASCII);
      assertTrue(verifyEs256(key.publicKey(), input, key.sign(input)));
      assertFalse(verifyEs256(key.publicKey(), "other".getBytes(StandardCharsets.US_ASCII),
          key.sign(input)));
    }
  }

  @Test
  void of_keyPairOfAnotherCurveOrAlgorithm_refused() throws Exception {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DpopKey.of(pair("secp384r1")));
    assertEquals("DPoP key is not a P-256 EC key; pkce4j signs DPoP proofs with ES256 (RFC 9449"
        + " section 4.2, RFC 7518 section 3.4)", e.getMessage());
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    assertThrows(IllegalArgumentException.class, () -> DpopKey.of(rsa.generateKeyPair()));
  }

  @Test
  void of_halvesOfTwoPairs_refused() throws Exception {
    KeyPair a = pair("secp256r1");
    KeyPair b = pair("secp256r1");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DpopKey.of(new KeyPair(a.getPublic(), b.getPrivate())));

    assertEquals("DPoP private key does not belong to the public key", e.getMessage());
  }

  @Test
  void of_privateKeyOfAnotherAlgorithm_refusedNamingTheFailureOnly() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair a = pair("secp256r1");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DpopKey.of(new KeyPair(a.getPublic(), rsa.generateKeyPair().getPrivate())));

    assertEquals("DPoP private key cannot sign with SHA256withECDSA (InvalidKeyException)",
        e.getMessage());
  }

  @Test
  void ofKeyStoreKey_signsButIsNeverSerialized() throws Exception {
    KeyPair pair = pair("secp256r1");
    DpopKey key = DpopKey.ofKeyStoreKey(pair.getPrivate(), pair.getPublic());

    assertFalse(key.isSerializable());
    IllegalStateException e = assertThrows(IllegalStateException.class, key::serialize);
    assertEquals("this DPoP key's private part is held by its key store and cannot be"
        + " serialized; keep its alias in that store instead", e.getMessage());
    byte[] input = {1, 2, 3};
    assertTrue(verifyEs256((ECPublicKey) pair.getPublic(), input, key.sign(input)));
    assertEquals("DpopKey[ES256, jkt=" + key.thumbprint() + ", held by its key store]",
        key.toString());
    assertThrows(IllegalArgumentException.class,
        () -> DpopKey.ofKeyStoreKey(pair.getPrivate(), pair("secp384r1").getPublic()));
  }

  @Test
  void sign_keyThatCannotSign_failsWithoutTheKey() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    DpopKey key = DpopKey.ofKeyStoreKey(rsa.generateKeyPair().getPrivate(),
        pair("secp256r1").getPublic());

    IllegalStateException e = assertThrows(IllegalStateException.class, () -> key.sign(new byte[1]));

    assertEquals("signing the DPoP proof failed (InvalidKeyException)", e.getMessage());
  }

  @Test
  void toString_showsThumbprintNeverThePrivateKey() {
    DpopKey key = DpopKey.generate();
    String d = (String) Json.parseObject(key.serialize()).get("d");

    assertEquals("DpopKey[ES256, jkt=" + key.thumbprint() + "]", key.toString());
    assertFalse(key.toString().contains(d));
  }

  // ---------------------------------------------------------------- parse, strictly

  private static List<String> malformedKeys(DpopKey key) {
    Map<String, Object> m = Json.parseObject(key.serialize());
    String x = (String) m.get("x");
    String y = (String) m.get("y");
    String d = (String) m.get("d");
    BigInteger yValue = new BigInteger(1, Base64Url.decodeOrNull(y));
    return Arrays.asList(
        "", "[]", "null", "{", "{\"kty\":\"EC\"}",
        jwk("RSA", "P-256", x, y, d), jwk("EC", "P-384", x, y, d), jwk("ec", "P-256", x, y, d),
        jwk("EC", "P-256", x + "A", y, d), jwk("EC", "P-256", x, y.substring(1), d),
        jwk("EC", "P-256", x, y, d + "="), jwk("EC", "P-256", x, y, "AA" + d),
        jwk("EC", "P-256", x, b64(yValue.add(BigInteger.ONE)), d),
        jwk("EC", "P-256", x, b64(yValue.add(P)), d),
        jwk("EC", "P-256", x, y, b64(BigInteger.ZERO)), jwk("EC", "P-256", x, y, b64(N)),
        jwk("EC", "P-256", x, y, b64(N.add(BigInteger.ONE))),
        jwk("EC", "P-256", x, y, b64(BigInteger.ONE)),
        jwk("EC", "P-256", x, y, d).replace("}", ",\"kid\":\"1\"}"),
        jwk("EC", "P-256", x, y, d).replace(",\"d\":\"" + d + "\"", ""),
        jwk("EC", "P-256", x, y, d).replace("\"" + x + "\"", "1"),
        jwk("EC", "P-256", x, y, d).replace("\"EC\"", "null"),
        jwk("EC", "P-256", x, y, d) + " x",
        jwk("EC", "P-256", x, y, d).replace("{", "{\"kty\":\"EC\","),
        jwk("EC", "P-256", x, y, d).replace(x, x.replace(x.charAt(0), '+')));
  }

  @Test
  void parse_everyMalformedKey_refusedWithoutQuotingTheSecret() {
    DpopKey key = DpopKey.generate();
    String d = (String) Json.parseObject(key.serialize()).get("d");
    List<String> failures = new ArrayList<String>();
    for (String bad : malformedKeys(key)) {
      try {
        DpopKey.parse(bad);
        failures.add("accepted: " + bad.replace(d, "<d>"));
      } catch (IllegalArgumentException e) {
        if (e.getMessage().contains(d) || e.getMessage().contains(d.substring(0, 12))) {
          failures.add("message quotes d: " + e.getMessage());
        }
      }
    }
    assertEquals(new ArrayList<String>(), failures);
  }

  @Test
  void parse_messages_nameTheRule() {
    DpopKey key = DpopKey.generate();
    Map<String, Object> m = Json.parseObject(key.serialize());
    String x = (String) m.get("x");
    String y = (String) m.get("y");
    String d = (String) m.get("d");
    BigInteger yValue = new BigInteger(1, Base64Url.decodeOrNull(y));

    assertEquals("DPoP key's x and y are not a point on P-256 (RFC 7518 section 6.2.1.2)",
        message(jwk("EC", "P-256", x, b64(yValue.add(BigInteger.ONE)), d)));
    assertEquals("DPoP key's d is outside [1, n) of P-256 (RFC 7518 section 6.2.2.1)",
        message(jwk("EC", "P-256", x, y, b64(N))));
    assertEquals("DPoP key's d is outside [1, n) of P-256 (RFC 7518 section 6.2.2.1)",
        message(jwk("EC", "P-256", x, y, b64(BigInteger.ZERO))));
    assertEquals("DPoP private key does not belong to the public key",
        message(jwk("EC", "P-256", x, y, b64(N.subtract(BigInteger.ONE)))));
    assertEquals("DPoP key's y is not 32 bytes of unpadded base64url (RFC 7518 section"
        + " 6.2.1.2)", message(jwk("EC", "P-256", x, y.substring(4), d)));
    assertEquals("DPoP key's kty is not \"EC\" (RFC 7518 section 6.2.1)",
        message(jwk("RSA", "P-256", x, y, d)));
    assertEquals("DPoP key's crv is not \"P-256\" (RFC 7518 section 6.2.1)",
        message(jwk("EC", "P-521", x, y, d)));
    assertEquals("DPoP key has members [kty, crv, x, y]; a private P-256 JWK has exactly kty,"
        + " crv, x, y and d (RFC 7518 section 6.2)", message(key.publicJwk()));
    assertEquals("DPoP key is not a JSON object: the top-level JSON value is not an object",
        message("[]"));
    char[] huge = new char[DpopKey.MAX_SERIALIZED_CHARS + 1];
    Arrays.fill(huge, ' ');
    assertEquals("DPoP key has 1025 characters; the limit is 1024", message(new String(huge)));
  }

  @Test
  void parse_atTheLengthLimit_readsTheKey() {
    String saved = DpopKey.generate().serialize();
    char[] pad = new char[DpopKey.MAX_SERIALIZED_CHARS - saved.length()];
    Arrays.fill(pad, ' ');

    assertEquals(DpopKey.parse(saved).thumbprint(),
        DpopKey.parse(saved + new String(pad)).thumbprint());
  }

  private static String message(String jwk) {
    return assertThrows(IllegalArgumentException.class, () -> DpopKey.parse(jwk)).getMessage();
  }

  @Test
  void parse_rfc9449ExampleKeyWithoutD_refused() {
    String publicOnly = "{\"kty\":\"EC\",\"x\":\"l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs\","
        + "\"y\":\"9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA\",\"crv\":\"P-256\"}";
    assertThrows(IllegalArgumentException.class, () -> DpopKey.parse(publicOnly));
  }

  /** A P-256 public key whose point is not on the curve, which no provider would build. */
  @Test
  void ofKeyStoreKey_publicPointOffTheCurve_refused() throws Exception {
    KeyPair pair = pair("secp256r1");
    final ECPublicKey real = (ECPublicKey) pair.getPublic();
    ECPublicKey offCurve = new ECPublicKey() {
      private static final long serialVersionUID = 1L;

      @Override
      public java.security.spec.ECPoint getW() {
        return new java.security.spec.ECPoint(real.getW().getAffineX(),
            real.getW().getAffineY().add(BigInteger.ONE));
      }

      @Override
      public java.security.spec.ECParameterSpec getParams() {
        return real.getParams();
      }

      @Override
      public String getAlgorithm() {
        return "EC";
      }

      @Override
      public String getFormat() {
        return "X.509";
      }

      @Override
      public byte[] getEncoded() {
        return new byte[0];
      }
    };

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DpopKey.ofKeyStoreKey(pair.getPrivate(), offCurve));

    assertEquals("DPoP public key's point is not on P-256", e.getMessage());
  }
}
