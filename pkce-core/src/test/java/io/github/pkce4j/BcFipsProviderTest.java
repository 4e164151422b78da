package io.github.pkce4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Provider;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * SHA-256 and a DRBG from BC-FIPS give the same results as the JDK.
 *
 * <p>BC-FIPS and bcprov cannot share a classpath, so the build runs this class in a surefire
 * execution of its own ({@code bc-fips} in pkce-core's pom) with bcprov removed and bc-fips
 * added, and the provider is loaded by name so this file compiles without it.
 */
class BcFipsProviderTest {
  private static Provider bcFips() throws ReflectiveOperationException {
    return (Provider) Class.forName("org.bouncycastle.jcajce.provider.BouncyCastleFipsProvider")
        .getConstructor().newInstance();
  }

  @Test
  void s256_withBcFips_matchesJdk() throws Exception {
    Provider fips = bcFips();
    SecureRandom drbg = SecureRandom.getInstance("DEFAULT", fips);
    PkceConfig config = PkceConfig.builder().sha256Provider(fips).secureRandom(drbg).build();
    assertSame(fips, config.sha256Provider());
    assertSame(drbg, config.secureRandom());
    assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", CodeChallenge.s256(
        CodeVerifier.parse("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), config).value());
    for (int i = 0; i < 200; i++) {
      CodeVerifier v = CodeVerifier.generate(config);
      assertEquals(CodeChallenge.s256(v), CodeChallenge.s256(v, config));
      assertTrue(CodeChallenge.s256(v).matches(v, config));
      assertFalse(CodeChallenge.s256(CodeVerifier.generate(config)).matches(v, config));
    }
  }
}
