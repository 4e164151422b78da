package io.github.pkce4j.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.interfaces.ECPublicKey;
import java.security.KeyPairGenerator;
import java.security.spec.ECFieldF2m;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import org.junit.jupiter.api.Test;

class P256Test {
  private static ECParameterSpec jdkP256() throws Exception {
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec("secp256r1"));
    return parameters.getParameterSpec(ECParameterSpec.class);
  }

  @Test
  void params_equalTheJdksSecp256r1() throws Exception {
    assertTrue(P256.isP256(jdkP256()));
    assertTrue(P256.isP256(P256.params()));
  }

  @Test
  void isP256_otherCurvesAndTamperedParameters_false() throws Exception {
    AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
    parameters.init(new ECGenParameterSpec("secp384r1"));
    assertFalse(P256.isP256(parameters.getParameterSpec(ECParameterSpec.class)));
    assertFalse(P256.isP256(null));
    ECParameterSpec p = P256.params();
    EllipticCurve curve = p.getCurve();
    assertFalse(P256.isP256(new ECParameterSpec(curve, p.getGenerator(), p.getOrder(), 2)));
    assertFalse(P256.isP256(new ECParameterSpec(curve, p.getGenerator(),
        p.getOrder().subtract(BigInteger.ONE), 1)));
    assertFalse(P256.isP256(new ECParameterSpec(curve,
        new ECPoint(P256.GX, P256.P.subtract(P256.GY)), p.getOrder(), 1)));
    assertFalse(P256.isP256(new ECParameterSpec(new EllipticCurve(curve.getField(), curve.getA(),
        BigInteger.ONE), p.getGenerator(), p.getOrder(), 1)));
    assertFalse(P256.isP256(new ECParameterSpec(new EllipticCurve(curve.getField(),
        BigInteger.ONE, curve.getB()), p.getGenerator(), p.getOrder(), 1)));
    assertFalse(P256.isP256(new ECParameterSpec(new EllipticCurve(new java.security.spec.ECFieldFp(
        P256.P.add(BigInteger.valueOf(2))), curve.getA(), curve.getB()), p.getGenerator(),
        p.getOrder(), 1)));
    assertFalse(P256.isP256(new ECParameterSpec(new EllipticCurve(new ECFieldF2m(163,
        new int[] {7, 6, 3}), BigInteger.ONE, BigInteger.ONE), p.getGenerator(), p.getOrder(), 1)));
  }

  @Test
  void isOnCurve_generatorAndGeneratedKeys_true() throws Exception {
    assertTrue(P256.isOnCurve(P256.GX, P256.GY));
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    for (int i = 0; i < 20; i++) {
      ECPoint w = ((ECPublicKey) generator.generateKeyPair().getPublic()).getW();
      assertTrue(P256.isOnCurve(w.getAffineX(), w.getAffineY()));
    }
  }

  @Test
  void isOnCurve_offCurveAndOutOfField_false() {
    assertFalse(P256.isOnCurve(P256.GX, P256.GY.add(BigInteger.ONE)));
    assertFalse(P256.isOnCurve(P256.GX.add(BigInteger.ONE), P256.GY));
    assertFalse(P256.isOnCurve(BigInteger.ZERO, BigInteger.ZERO));
    // the same point with y + p: congruent, but not a field element
    assertFalse(P256.isOnCurve(P256.GX, P256.GY.add(P256.P)));
    assertFalse(P256.isOnCurve(P256.GX.add(P256.P), P256.GY));
    assertFalse(P256.isOnCurve(P256.GX.subtract(P256.P), P256.GY));
    assertFalse(P256.isOnCurve(P256.GX, P256.GY.subtract(P256.P)));
    // -G = (x, p - y) is on the curve
    assertTrue(P256.isOnCurve(P256.GX, P256.P.subtract(P256.GY)));
  }

  @Test
  void isOnCurve_coordinateEqualToP_false() {
    assertFalse(P256.isOnCurve(P256.P, P256.GY));
    assertFalse(P256.isOnCurve(P256.GX, P256.P));
  }

  @Test
  void isPrivateScalar_bounds() {
    assertFalse(P256.isPrivateScalar(BigInteger.ZERO));
    assertTrue(P256.isPrivateScalar(BigInteger.ONE));
    assertTrue(P256.isPrivateScalar(P256.N.subtract(BigInteger.ONE)));
    assertFalse(P256.isPrivateScalar(P256.N));
    assertFalse(P256.isPrivateScalar(BigInteger.ONE.negate()));
  }

  @Test
  void fixedLength_padsAndStripsTheSignByte() {
    byte[] one = new byte[32];
    one[31] = 1;
    assertArrayEquals(one, P256.fixedLength(BigInteger.ONE));
    byte[] zero = new byte[32];
    assertArrayEquals(zero, P256.fixedLength(BigInteger.ZERO));
    byte[] max = new byte[32];
    java.util.Arrays.fill(max, (byte) 0xff);
    assertArrayEquals(max, P256.fixedLength(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)));
    byte[] small = new byte[32];
    small[30] = 0x01;
    small[31] = 0x02;
    assertArrayEquals(small, P256.fixedLength(BigInteger.valueOf(0x0102)));
    assertThrows(IllegalArgumentException.class,
        () -> P256.fixedLength(BigInteger.ONE.shiftLeft(256)));
    assertThrows(IllegalArgumentException.class, () -> P256.fixedLength(BigInteger.ONE.negate()));
  }

  /**
   * The curve's points with x = 0: (0, sqrt(b)), sqrt(b) = b^((p+1)/4) mod p since p = 3 mod 4
   * (computed independently); a coordinate equal to p is not a field element even though it is
   * congruent to 0.
   */
  @Test
  void isOnCurve_xZero_pointsExistAndPIsNoFieldElement() {
    BigInteger y = new BigInteger(
        "66485c780e2f83d72433bd5d84a06bb6541c2af31dae871728bf856a174f93f4", 16);
    assertTrue(P256.isOnCurve(BigInteger.ZERO, y));
    assertTrue(P256.isOnCurve(BigInteger.ZERO, P256.P.subtract(y)));
    assertFalse(P256.isOnCurve(P256.P, y));
    assertFalse(P256.isOnCurve(BigInteger.ZERO, y.add(P256.P)));
  }
}
