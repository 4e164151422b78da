package io.github.pkce4j;

import io.github.pkce4j.internal.Sha256Pool;
import io.github.pkce4j.internal.StripedSecureRandom;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Where pkce4j takes its randomness and its SHA-256 from.
 *
 * <p>The {@linkplain #defaults() defaults} are the platform's {@code MessageDigest} and a few
 * independently seeded {@code DRBG} generators (NIST SP 800-90A; {@code new SecureRandom()} where
 * DRBG is missing, as on Java 8 and Android), each thread drawing from one, so threads do not
 * queue on the single lock that every Linux NativePRNG shares. They never block: pkce4j never
 * calls {@code SecureRandom.getInstanceStrong()}, which can block on Linux. Inject another JCA
 * provider, such as Bouncy Castle, BC-FIPS or Conscrypt, and another {@code SecureRandom}, such as
 * a FIPS DRBG or a seeded one in tests:
 *
 * <pre>{@code
 * PkceConfig config = PkceConfig.builder()
 *     .sha256Provider(new BouncyCastleProvider())
 *     .secureRandom(SecureRandom.getInstance("DEFAULT", bcFips))
 *     .build();
 * CodeVerifier verifier = CodeVerifier.generate(config);
 * CodeChallenge challenge = CodeChallenge.s256(verifier, config);
 * }</pre>
 *
 * <p>A config is immutable and thread-safe; build one and share it.
 *
 * @since 0.1.0
 */
public final class PkceConfig {
  private final SecureRandom secureRandom;
  private final Sha256Pool sha256;

  private PkceConfig(Builder builder) {
    this.secureRandom =
        builder.secureRandom != null ? builder.secureRandom : new StripedSecureRandom();
    this.sha256 = new Sha256Pool(builder.sha256Provider);
  }

  /** The platform's SHA-256 and striped non-blocking DRBGs, shared process-wide. */
  public static PkceConfig defaults() {
    return Defaults.INSTANCE;
  }

  /** Starts a config from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The source of randomness for verifiers and {@code state} values. */
  public SecureRandom secureRandom() {
    return secureRandom;
  }

  /** The JCA provider that SHA-256 actually comes from. */
  public Provider sha256Provider() {
    return sha256.provider();
  }

  Sha256Pool sha256() {
    return sha256;
  }

  @Override
  public String toString() {
    return "PkceConfig[sha256Provider=" + sha256.provider().getName()
        + ", secureRandom=" + secureRandom.getAlgorithm() + "]";
  }

  private static final class Defaults {
    static final PkceConfig INSTANCE = new Builder().build();
  }

  /**
   * Builds a {@link PkceConfig}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Provider sha256Provider;
    private SecureRandom secureRandom;

    private Builder() {}

    /** Takes SHA-256 from {@code provider} instead of the platform's provider list. */
    public Builder sha256Provider(Provider provider) {
      this.sha256Provider = Objects.requireNonNull(provider, "provider");
      return this;
    }

    /** Takes randomness from {@code random} instead of the default striped DRBGs. */
    public Builder secureRandom(SecureRandom random) {
      this.secureRandom = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Builds the config, making one SHA-256 digest to prove the provider has it.
     *
     * @throws IllegalStateException if SHA-256 is not available: pkce4j never falls back to plain
     */
    public PkceConfig build() {
      return new PkceConfig(this);
    }
  }
}
