package io.github.pkce4j.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.client.internal.EcdsaSignaturesTest;
import io.github.pkce4j.client.internal.Json;
import io.github.pkce4j.internal.Base64Url;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads and verifies a DPoP proof the way a server would, with JCA and none of the code under
 * test: the public key is rebuilt from the proof's own {@code jwk}, and the R||S signature turned
 * back into DER by the test's DER writer.
 */
final class DpopTestSupport {
  private DpopTestSupport() {}

  /** A proof split and decoded. */
  static final class Proof {
    final Map<String, Object> header;
    final Map<String, Object> claims;
    final String signingInput;
    final byte[] signature;

    Proof(String compact) {
      String[] parts = compact.split("\\.", -1);
      assertEquals(3, parts.length, "a JWS in compact serialisation has three parts");
      header = Json.parseObject(new String(Base64Url.decodeOrNull(parts[0]), StandardCharsets.UTF_8));
      claims = Json.parseObject(new String(Base64Url.decodeOrNull(parts[1]), StandardCharsets.UTF_8));
      signingInput = parts[0] + "." + parts[1];
      signature = Base64Url.decodeOrNull(parts[2]);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> jwk() {
      return (Map<String, Object>) header.get("jwk");
    }

    /** Whether the signature verifies with the key in the proof's own header. */
    boolean verifies() throws Exception {
      return verifyEs256(publicKey(jwk()), signingInput.getBytes(StandardCharsets.US_ASCII),
          signature);
    }
  }

  static ECPublicKey publicKey(Map<String, Object> jwk) throws Exception {
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec("secp256r1"));
    ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
    BigInteger x = new BigInteger(1, Base64Url.decodeOrNull((String) jwk.get("x")));
    BigInteger y = new BigInteger(1, Base64Url.decodeOrNull((String) jwk.get("y")));
    return (ECPublicKey) KeyFactory.getInstance("EC")
        .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec));
  }

  static boolean verifyEs256(ECPublicKey key, byte[] input, byte[] jose) throws Exception {
    assertTrue(jose != null && jose.length == 64, "ES256 signatures are 64 bytes R||S");
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(key);
    verifier.update(input);
    return verifier.verify(EcdsaSignaturesTest.der(new BigInteger(1, Arrays.copyOf(jose, 32)),
        new BigInteger(1, Arrays.copyOfRange(jose, 32, 64))));
  }
}
