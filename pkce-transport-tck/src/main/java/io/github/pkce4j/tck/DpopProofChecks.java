package io.github.pkce4j.tck;

import java.math.BigInteger;
import java.nio.charset.Charset;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a DPoP proof (RFC 9449 section 4.2) as a server would, with JCA and without pkce4j's
 * code: the claims and header as JSON text, members picked out by name, and the ES256 signature
 * checked against the proof's own {@code jwk} (R||S turned back into DER here).
 */
public final class DpopProofChecks {
  private static final Charset UTF_8 = Charset.forName("UTF-8");

  private DpopProofChecks() {}

  /** The decoded JOSE header of {@code proof}. */
  public static String header(String proof) {
    return part(proof, 0);
  }

  /** The decoded claims of {@code proof}. */
  public static String claims(String proof) {
    return part(proof, 1);
  }

  private static String part(String proof, int index) {
    String[] parts = proof.split("\\.", -1);
    if (parts.length != 3) {
      throw new AssertionError("a DPoP proof has three parts, this has " + parts.length);
    }
    return new String(java.util.Base64.getUrlDecoder().decode(parts[index]), UTF_8);
  }

  /** A string member of a flat JSON object, or {@code null}; members pkce4j writes need no escapes. */
  public static String stringMember(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"([^\"\\\\]*)\"").matcher(json);
    return m.find() ? m.group(1) : null;
  }

  /** An integer member of a flat JSON object, or {@code null}. */
  public static Long longMember(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":(-?[0-9]+)").matcher(json);
    return m.find() ? Long.valueOf(m.group(1)) : null;
  }

  /** The base64url SHA-256 of {@code accessToken}: the {@code ath} a proof must carry. */
  public static String ath(String accessToken) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(UTF_8));
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  /** The proof's public key, from its header's {@code jwk}. */
  public static ECPublicKey publicKey(String proof) throws Exception {
    String header = header(proof);
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec("secp256r1"));
    ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
    BigInteger x = new BigInteger(1, java.util.Base64.getUrlDecoder()
        .decode(stringMember(header, "x")));
    BigInteger y = new BigInteger(1, java.util.Base64.getUrlDecoder()
        .decode(stringMember(header, "y")));
    return (ECPublicKey) KeyFactory.getInstance("EC")
        .generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec));
  }

  /**
   * The RFC 7638 thumbprint of the proof's {@code jwk}, computed here from its members.
   */
  public static String thumbprint(String proof) throws Exception {
    String header = header(proof);
    String canonical = "{\"crv\":\"" + stringMember(header, "crv") + "\",\"kty\":\""
        + stringMember(header, "kty") + "\",\"x\":\"" + stringMember(header, "x") + "\",\"y\":\""
        + stringMember(header, "y") + "\"}";
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(UTF_8));
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  /**
   * Whether the proof is an ES256 {@code dpop+jwt} whose signature verifies with its own {@code
   * jwk}, and whose header has no private {@code d}.
   */
  public static boolean verifies(String proof) throws Exception {
    String header = header(proof);
    if (!"dpop+jwt".equals(stringMember(header, "typ"))
        || !"ES256".equals(stringMember(header, "alg")) || header.contains("\"d\"")) {
      return false;
    }
    String[] parts = proof.split("\\.", -1);
    byte[] jose = java.util.Base64.getUrlDecoder().decode(parts[2]);
    if (jose.length != 64) {
      return false;
    }
    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(publicKey(proof));
    verifier.update((parts[0] + "." + parts[1]).getBytes(UTF_8));
    return verifier.verify(der(new BigInteger(1, Arrays.copyOf(jose, 32)),
        new BigInteger(1, Arrays.copyOfRange(jose, 32, 64))));
  }

  private static byte[] der(BigInteger r, BigInteger s) {
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
}
