package io.github.pkce4j.client;

import io.github.pkce4j.PkceConfig;
import io.github.pkce4j.client.internal.EcdsaSignatures;
import io.github.pkce4j.client.internal.Json;
import io.github.pkce4j.client.internal.JsonWriter;
import io.github.pkce4j.client.internal.Jwk;
import io.github.pkce4j.client.internal.P256;
import io.github.pkce4j.client.internal.UrlEncoding;
import io.github.pkce4j.internal.Base64Url;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The key a client instance proves possession of with DPoP (RFC 9449): an ES256 key on P-256
 * (RFC 7518 section 3.4), used only through JCA's {@code Signature}, so a key that never leaves a
 * platform key store (the Android Keystore, a PKCS#11 token) works as well as one in memory.
 *
 * <pre>{@code
 * DpopKey key = DpopKey.generate();                       // in memory, e.g. on the desktop
 * String saved = key.serialize();                         // a private JWK: keep it secret
 * DpopKey again = DpopKey.parse(saved);                   // after a restart
 * // Android: the private key stays in the Keystore; keep the alias, not the key
 * DpopKey stored = DpopKey.ofKeyStoreKey(entry.getPrivateKey(), entry.getCertificate().getPublicKey());
 * }</pre>
 *
 * <p>A server binds tokens to the key's {@linkplain #thumbprint() RFC 7638 thumbprint} (RFC 9449
 * section 6.1), and for a public client the refresh token too (section 5): keep the same key for
 * as long as the tokens live, across process death, either as {@link #serialize()}'s private JWK
 * in storage that is itself protected (Android Keystore-backed encrypted storage, the OS keychain,
 * a file only its owner can read), or, for a store-held key, by its alias in that store.
 *
 * <p>Security: the private key appears in no {@link #toString()}, exception or log; it is read
 * only by {@link #serialize()}, whose output is secret.
 *
 * @since 0.1.0
 */
public final class DpopKey {
  /** The JWS algorithm of every proof: ECDSA on P-256 with SHA-256 (RFC 7518 section 3.4). */
  public static final String ALGORITHM = "ES256";

  /** The longest private JWK {@link #parse} reads; a serialized key is about 190 characters. */
  public static final int MAX_SERIALIZED_CHARS = 1024;

  private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
  private static final Set<String> PRIVATE_MEMBERS =
      new HashSet<String>(Arrays.asList("kty", "crv", "x", "y", "d"));

  private final PrivateKey privateKey;
  private final ECPublicKey publicKey;
  private final boolean exportable;
  private final String x;
  private final String y;
  private final String thumbprint;

  private DpopKey(PrivateKey privateKey, ECPublicKey publicKey, boolean exportable) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.exportable = exportable;
    ECPoint w = publicKey.getW();
    this.x = Base64Url.encode(P256.fixedLength(w.getAffineX()));
    this.y = Base64Url.encode(P256.fixedLength(w.getAffineY()));
    this.thumbprint =
        Jwk.thumbprint(publicMembers(), PkceConfig.defaults().sha256Provider());
  }

  /** A fresh P-256 key from the platform's default {@code SecureRandom}. */
  public static DpopKey generate() {
    return generate(PkceConfig.defaults().secureRandom());
  }

  /**
   * A fresh P-256 key: JCA {@code KeyPairGenerator} "EC" with {@code secp256r1}, which Java 8 and
   * Android API 21 both provide.
   */
  public static DpopKey generate(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      pair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this platform cannot generate P-256 keys", e);
    }
    return new DpopKey(pair.getPrivate(), checkPublicKey(pair.getPublic()),
        isExportable(pair.getPrivate()));
  }

  /**
   * The caller's key pair, e.g. from its own store. The pair is checked: a P-256 public key whose
   * point is on the curve, and a private key that signs what the public key verifies.
   *
   * @throws IllegalArgumentException if the key is not P-256 or the halves do not belong together
   */
  public static DpopKey of(KeyPair pair) {
    Objects.requireNonNull(pair, "pair");
    ECPublicKey publicKey = checkPublicKey(Objects.requireNonNull(pair.getPublic(), "public"));
    PrivateKey privateKey = Objects.requireNonNull(pair.getPrivate(), "private");
    requireMatchingHalves(privateKey, publicKey);
    return new DpopKey(privateKey, publicKey, isExportable(privateKey));
  }

  /**
   * A key held by a key store (the Android Keystore, a PKCS#11 token): {@code privateKey} is only
   * a handle, used through {@code java.security.Signature} and never read, and this method does
   * not sign anything (a key that needs the user's authentication is not touched until a proof is
   * made). Such a key is not {@linkplain #serialize() serializable}: keep its alias instead.
   *
   * @throws IllegalArgumentException if {@code publicKey} is not a P-256 key on the curve
   */
  public static DpopKey ofKeyStoreKey(PrivateKey privateKey, PublicKey publicKey) {
    Objects.requireNonNull(privateKey, "privateKey");
    return new DpopKey(privateKey, checkPublicKey(Objects.requireNonNull(publicKey, "publicKey")),
        false);
  }

  /**
   * Restores a key from {@link #serialize()}'s private JWK. Strict: a JSON object with exactly
   * the members {@code kty} "EC", {@code crv} "P-256", {@code x}, {@code y} and {@code d}, each
   * coordinate 32 bytes of canonical unpadded base64url (RFC 7518 sections 6.2.1 and 6.2.2), the
   * point on the curve, {@code d} in [1, n), and {@code d} the private key of that point.
   *
   * @throws IllegalArgumentException naming the rule broken; the message never quotes the input
   */
  public static DpopKey parse(String privateJwk) {
    Objects.requireNonNull(privateJwk, "privateJwk");
    if (privateJwk.length() > MAX_SERIALIZED_CHARS) {
      throw new IllegalArgumentException("DPoP key has " + privateJwk.length()
          + " characters; the limit is " + MAX_SERIALIZED_CHARS);
    }
    Map<String, Object> members;
    try {
      members = Json.parseObject(privateJwk);
    } catch (Json.JsonException e) {
      throw new IllegalArgumentException("DPoP key is not a JSON object: " + e.getMessage(), e);
    }
    if (!members.keySet().equals(PRIVATE_MEMBERS)) {
      throw new IllegalArgumentException("DPoP key has members " + members.keySet()
          + "; a private P-256 JWK has exactly kty, crv, x, y and d (RFC 7518 section 6.2)");
    }
    requireMember(members, "kty", "EC");
    requireMember(members, "crv", "P-256");
    BigInteger x = coordinate(members, "x");
    BigInteger y = coordinate(members, "y");
    BigInteger d = coordinate(members, "d");
    if (!P256.isOnCurve(x, y)) {
      throw new IllegalArgumentException("DPoP key's x and y are not a point on P-256 (RFC 7518"
          + " section 6.2.1.2)");
    }
    if (!P256.isPrivateScalar(d)) {
      throw new IllegalArgumentException("DPoP key's d is outside [1, n) of P-256 (RFC 7518"
          + " section 6.2.2.1)");
    }
    PrivateKey privateKey;
    ECPublicKey publicKey;
    try {
      KeyFactory factory = KeyFactory.getInstance("EC");
      privateKey = factory.generatePrivate(new ECPrivateKeySpec(d, P256.params()));
      publicKey = (ECPublicKey) factory.generatePublic(
          new ECPublicKeySpec(new ECPoint(x, y), P256.params()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this platform cannot build P-256 keys", e);
    }
    requireMatchingHalves(privateKey, publicKey);
    return new DpopKey(privateKey, publicKey, true);
  }

  private static void requireMember(Map<String, Object> members, String name, String expected) {
    if (!expected.equals(members.get(name))) {
      throw new IllegalArgumentException("DPoP key's " + name + " is not \"" + expected
          + "\" (RFC 7518 section 6.2.1)");
    }
  }

  private static BigInteger coordinate(Map<String, Object> members, String name) {
    Object value = members.get(name);
    byte[] bytes = value instanceof String ? Base64Url.decodeOrNull((String) value) : null;
    if (bytes == null || bytes.length != P256.SIZE) {
      throw new IllegalArgumentException("DPoP key's " + name + " is not 32 bytes of unpadded"
          + " base64url (RFC 7518 section 6.2.1.2)");
    }
    return new BigInteger(1, bytes);
  }

  private static ECPublicKey checkPublicKey(PublicKey key) {
    if (!(key instanceof ECPublicKey) || !P256.isP256(((ECPublicKey) key).getParams())) {
      throw new IllegalArgumentException("DPoP key is not a P-256 EC key; pkce4j signs DPoP"
          + " proofs with ES256 (RFC 9449 section 4.2, RFC 7518 section 3.4)");
    }
    ECPoint w = ((ECPublicKey) key).getW();
    if (!P256.isOnCurve(w.getAffineX(), w.getAffineY())) {
      throw new IllegalArgumentException("DPoP public key's point is not on P-256");
    }
    return (ECPublicKey) key;
  }

  /** Signs a fixed message and verifies it, so a mismatched pair fails here, not at the server. */
  private static void requireMatchingHalves(PrivateKey privateKey, ECPublicKey publicKey) {
    byte[] message = "pkce4j DPoP key check".getBytes(UrlEncoding.UTF_8);
    boolean verified;
    try {
      Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
      signer.initSign(privateKey);
      signer.update(message);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(SIGNATURE_ALGORITHM);
      verifier.initVerify(publicKey);
      verifier.update(message);
      verified = verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("DPoP private key cannot sign with "
          + SIGNATURE_ALGORITHM + " (" + e.getClass().getSimpleName() + ")", e);
    }
    if (!verified) {
      throw new IllegalArgumentException("DPoP private key does not belong to the public key");
    }
  }

  private static boolean isExportable(PrivateKey key) {
    return key instanceof ECPrivateKey && ((ECPrivateKey) key).getS() != null;
  }

  private Map<String, String> publicMembers() {
    Map<String, String> members = new LinkedHashMap<String, String>();
    members.put("kty", "EC");
    members.put("crv", "P-256");
    members.put("x", x);
    members.put("y", y);
    return members;
  }

  /**
   * The public key as a JWK (RFC 7517, RFC 7518 section 6.2.1): {@code kty}, {@code crv}, {@code
   * x}, {@code y}, each coordinate 32 bytes. This is the {@code jwk} header of every proof.
   */
  public String publicJwk() {
    return JsonWriter.object().string("kty", "EC").string("crv", "P-256").string("x", x)
        .string("y", y).end();
  }

  /**
   * The base64url SHA-256 JWK thumbprint of the public key (RFC 7638 section 3): the {@code
   * dpop_jkt} of the authorization request (RFC 9449 section 10) and the {@code cnf.jkt} of the
   * tokens bound to this key (section 6.1).
   */
  public String thumbprint() {
    return thumbprint;
  }

  /** The public key. */
  public ECPublicKey publicKey() {
    return publicKey;
  }

  /**
   * Whether {@link #serialize()} can write the private key: true for generated and parsed keys
   * and for caller pairs whose private key is an {@code ECPrivateKey}; false for store-held keys.
   */
  public boolean isSerializable() {
    return exportable;
  }

  /**
   * The key as a private JWK: {@code kty}, {@code crv}, {@code x}, {@code y}, {@code d} (RFC 7518
   * section 6.2.2), which {@link #parse} reads back.
   *
   * <p>Security: the result is the private key. Store it only where a password would be stored,
   * never in a log or an unprotected file.
   *
   * @throws IllegalStateException for a key held by a key store ({@link #isSerializable()} is
   *     false): keep its alias in that store instead
   */
  public String serialize() {
    if (!exportable) {
      throw new IllegalStateException("this DPoP key's private part is held by its key store and"
          + " cannot be serialized; keep its alias in that store instead");
    }
    String d = Base64Url.encode(P256.fixedLength(((ECPrivateKey) privateKey).getS()));
    return JsonWriter.object().string("kty", "EC").string("crv", "P-256").string("x", x)
        .string("y", y).string("d", d).end();
  }

  /**
   * Signs {@code input} with ES256 and returns the JOSE signature, R || S (RFC 7518 section 3.4).
   */
  byte[] sign(byte[] input) {
    byte[] der;
    try {
      Signature signer = Signature.getInstance(SIGNATURE_ALGORITHM);
      signer.initSign(privateKey);
      signer.update(input);
      der = signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing the DPoP proof failed ("
          + e.getClass().getSimpleName() + ")", e);
    }
    return EcdsaSignatures.derToJose(der, P256.SIZE);
  }

  /** Algorithm and thumbprint; never the private key. */
  @Override
  public String toString() {
    return "DpopKey[" + ALGORITHM + ", jkt=" + thumbprint
        + (exportable ? "" : ", held by its key store") + "]";
  }
}
