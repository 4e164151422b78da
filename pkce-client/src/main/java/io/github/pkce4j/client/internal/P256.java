package io.github.pkce4j.client.internal;

import java.math.BigInteger;
import java.security.spec.ECField;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;

/**
 * The NIST P-256 curve (secp256r1; SEC 2 section 2.4.2, FIPS 186-4 appendix D.1.2.3), written
 * out so that keys can be checked and rebuilt on any JCA provider, including Android's.
 */
public final class P256 {
  /** Bytes per coordinate and per signature half. */
  public static final int SIZE = 32;

  static final BigInteger P = hex(
      "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
  static final BigInteger A = P.subtract(BigInteger.valueOf(3));
  static final BigInteger B = hex(
      "5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b");
  static final BigInteger GX = hex(
      "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296");
  static final BigInteger GY = hex(
      "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5");
  static final BigInteger N = hex(
      "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");

  private static final ECParameterSpec PARAMS = new ECParameterSpec(
      new EllipticCurve(new ECFieldFp(P), A, B), new ECPoint(GX, GY), N, 1);

  private P256() {}

  private static BigInteger hex(String digits) {
    return new BigInteger(digits, 16);
  }

  /** The curve's domain parameters. */
  public static ECParameterSpec params() {
    return PARAMS;
  }

  /** Whether {@code spec} describes P-256: same field, coefficients, generator, order, cofactor. */
  public static boolean isP256(ECParameterSpec spec) {
    if (spec == null) {
      return false;
    }
    EllipticCurve curve = spec.getCurve();
    ECField field = curve.getField();
    return field instanceof ECFieldFp && ((ECFieldFp) field).getP().equals(P)
        && curve.getA().equals(A) && curve.getB().equals(B)
        && spec.getGenerator().equals(PARAMS.getGenerator()) && spec.getOrder().equals(N)
        && spec.getCofactor() == 1;
  }

  /**
   * Whether {@code (x, y)} is a point of the curve: both coordinates in [0, p) and y^2 = x^3 + ax
   * + b (mod p). The point at infinity has no affine coordinates and is never accepted.
   */
  public static boolean isOnCurve(BigInteger x, BigInteger y) {
    if (!inField(x) || !inField(y)) {
      return false;
    }
    BigInteger left = y.multiply(y).mod(P);
    BigInteger right = x.multiply(x).multiply(x).add(A.multiply(x)).add(B).mod(P);
    return left.equals(right);
  }

  private static boolean inField(BigInteger v) {
    return v.signum() >= 0 && v.compareTo(P) < 0;
  }

  /** Whether {@code d} is a valid private scalar: 1 <= d < n. */
  public static boolean isPrivateScalar(BigInteger d) {
    return d.signum() > 0 && d.compareTo(N) < 0;
  }

  /**
   * {@code v} as exactly {@link #SIZE} unsigned big-endian bytes, left-padded with zeros (RFC 7518
   * sections 6.2.1.2 and 6.2.2.1).
   *
   * @throws IllegalArgumentException if {@code v} is negative or needs more bytes
   */
  public static byte[] fixedLength(BigInteger v) {
    byte[] bytes = v.toByteArray();
    int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0;
    int length = bytes.length - start;
    if (v.signum() < 0 || length > SIZE) {
      throw new IllegalArgumentException("value does not fit in " + SIZE + " unsigned bytes");
    }
    byte[] out = new byte[SIZE];
    System.arraycopy(bytes, start, out, SIZE - length, length);
    return out;
  }
}
