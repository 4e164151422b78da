package io.github.pkce4j.internal;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * pkce4j's default randomness: a few independently seeded generators, each thread drawing from
 * the one its id selects.
 *
 * <p>Why: on Linux {@code new SecureRandom()} is NativePRNG, and every NativePRNG in the process
 * reads {@code /dev/urandom} under one static lock, so threads generating verifiers queue on it
 * (measured in the benchmarks module). Each stripe here is a NIST SP 800-90A {@code DRBG}
 * (Java 9+) seeded from the operating system on first use; where DRBG does not exist (Java 8,
 * Android) a stripe is a {@code new SecureRandom()}, which on Android is BoringSSL's generator.
 * Stripes are made lazily, so a process that never generates pays nothing.
 *
 * <p>As a {@link SecureRandom}: {@link #reseed()} replaces every stripe made so far with a new
 * one, seeded afresh from the operating system (call it after restoring a VM or CRaC snapshot,
 * where every clone would otherwise continue the same streams). Serialization never copies a
 * stripe: a deserialized instance is a new one with its own seeds. {@link #toString()} names the
 * algorithm, e.g. {@code DRBG (striped)}. {@code reseed(SecureRandomParameters)} and
 * {@code getParameters()} behave as for any {@code SecureRandom} whose mechanism takes no
 * parameters: the first throws {@link UnsupportedOperationException}, the second returns null.
 */
public final class StripedSecureRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  private final transient AtomicReferenceArray<SecureRandom> stripes;
  private final int mask;
  private final String algorithm;

  /** Creates the stripes' table; each stripe is seeded on first use. */
  public StripedSecureRandom() {
    super(new UnusedSpi(), null);
    int size = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2);
    if (size > 16) {
      size = 16;
    }
    this.stripes = new AtomicReferenceArray<SecureRandom>(size);
    this.mask = size - 1;
    SecureRandom first = newStripe();
    this.algorithm = first.getAlgorithm();
    stripes.set(0, first);
  }

  private static SecureRandom newStripe() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  private SecureRandom stripe() {
    int i = (int) Thread.currentThread().getId() & mask;
    SecureRandom s = stripes.get(i);
    if (s == null) {
      s = newStripe();
      if (!stripes.compareAndSet(i, null, s)) {
        s = stripes.get(i);
      }
    }
    return s;
  }

  @Override
  public void nextBytes(byte[] bytes) {
    stripe().nextBytes(bytes);
  }

  @Override
  public byte[] generateSeed(int numBytes) {
    return stripe().generateSeed(numBytes);
  }

  /** Adds to the current thread's stripe's seed; never replaces the operating system's seed. */
  @Override
  public void setSeed(byte[] seed) {
    if (stripes != null) {
      stripe().setSeed(seed);
    }
  }

  /** As {@link #setSeed(byte[])}; also called by {@code java.util.Random}'s constructor. */
  @Override
  public void setSeed(long seed) {
    if (stripes != null) { // null while the superclass constructor runs
      stripe().setSeed(seed);
    }
  }

  /**
   * Replaces every stripe made so far by a new one seeded from the operating system, so no
   * output after this call depends on the state before it. Supplementary seeds given to
   * {@link #setSeed(byte[])} before are dropped with the old stripes.
   *
   * <p>Overrides {@code SecureRandom.reseed()} (Java 9+); on older platforms it is this class's
   * own method.
   */
  public void reseed() {
    for (int i = 0; i <= mask; i++) {
      if (stripes.get(i) != null) {
        stripes.set(i, newStripe());
      }
    }
  }

  /** {@link #getAlgorithm()}: never the internal SPI's name. */
  @Override
  public String toString() {
    return getAlgorithm();
  }

  /**
   * A deserialized instance is a new one, with stripes of its own seeded from the operating
   * system: stripes are never serialized (they are transient), and a copy must not share a
   * stream with the original.
   */
  private Object readResolve() {
    return new StripedSecureRandom();
  }

  /** The stripes' algorithm, e.g. {@code DRBG}. */
  @Override
  public String getAlgorithm() {
    return algorithm + " (striped)";
  }

  /** Number of stripes; a power of two from 2 to 16. */
  int capacity() {
    return mask + 1;
  }

  /** The calling thread's stripe; for tests. */
  SecureRandom currentStripe() {
    return stripe();
  }

  /** Number of stripes made so far; for tests. */
  int stripesInUse() {
    int n = 0;
    for (int i = 0; i <= mask; i++) {
      if (stripes.get(i) != null) {
        n++;
      }
    }
    return n;
  }

  /** The superclass needs an SPI; every method that would reach it is overridden above. */
  private static final class UnusedSpi extends SecureRandomSpi {
    private static final long serialVersionUID = 1L;

    @Override
    protected void engineSetSeed(byte[] seed) {
      // Reached only through methods overridden above.
    }

    @Override
    protected void engineNextBytes(byte[] bytes) {
      throw new IllegalStateException("StripedSecureRandom draws from its stripes");
    }

    @Override
    protected byte[] engineGenerateSeed(int numBytes) {
      throw new IllegalStateException("StripedSecureRandom draws from its stripes");
    }
  }
}
