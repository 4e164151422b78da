package io.github.pkce4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Provider;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.conscrypt.Conscrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SHA-256 from Bouncy Castle and Conscrypt gives the same challenges as the JDK's. */
class ProvidersTest {
  static Stream<Provider> providers() {
    return Stream.of(new BouncyCastleProvider(), Conscrypt.newProvider());
  }

  @ParameterizedTest
  @MethodSource("providers")
  void s256_withProvider_usesItAndMatchesJdk(Provider provider) {
    PkceConfig config = PkceConfig.builder().sha256Provider(provider).build();
    assertSame(provider, config.sha256Provider());
    assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", CodeChallenge.s256(
        CodeVerifier.parse("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), config).value());
    SecureRandom random = new SecureRandom();
    for (int i = 0; i < 500; i++) {
      CodeVerifier v = CodeVerifier.generate(random, 32 + i % 65);
      CodeChallenge viaProvider = CodeChallenge.s256(v, config);
      CodeChallenge viaJdk = CodeChallenge.s256(v);
      assertEquals(viaJdk, viaProvider);
      assertTrue(viaJdk.matches(v, config));
      assertTrue(viaProvider.matches(v));
    }
    CodeVerifier other = CodeVerifier.generate();
    assertFalse(CodeChallenge.s256(CodeVerifier.generate(), config).matches(other, config));
  }

  @Test
  void defaults_useAPlatformSha256() {
    Provider p = PkceConfig.defaults().sha256Provider();
    assertTrue(p.getService("MessageDigest", "SHA-256") != null, p.getName());
    assertSame(PkceConfig.defaults(), PkceConfig.defaults());
  }

  @Test
  void providerWithoutSha256_failsAtBuild_neverFallsBack() {
    @SuppressWarnings("deprecation")
    Provider empty = new Provider("EmptyForTest", 1.0, "has no services") {
      private static final long serialVersionUID = 1L;
    };
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> PkceConfig.builder().sha256Provider(empty).build());
    assertEquals("SHA-256 is not available from provider EmptyForTest; RFC 7636 §4.2 S256 needs"
        + " it, and pkce4j never falls back to plain", e.getMessage());
  }

  @Test
  void builder_nulls_throwNullPointer() {
    assertThrows(NullPointerException.class, () -> PkceConfig.builder().sha256Provider(null));
    assertThrows(NullPointerException.class, () -> PkceConfig.builder().secureRandom(null));
  }

  @Test
  void toString_namesProviderAndAlgorithm() {
    PkceConfig config = PkceConfig.builder().sha256Provider(new BouncyCastleProvider()).build();
    assertTrue(config.toString().startsWith("PkceConfig[sha256Provider=BC, secureRandom="),
        config.toString());
  }
}
