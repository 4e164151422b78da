package io.github.pkce4j.benchmarks;

import com.github.scribejava.core.pkce.PKCE;
import com.github.scribejava.core.pkce.PKCEService;
import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.CodeVerifier;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Verifier generation (32 random bytes, 43 characters; RFC 7636 §4.1 and §7.1) on one and two
 * threads, as total throughput: if a library funnels every thread through one lock, two threads
 * do no more than one.
 *
 * <p>ScribeJava's {@code generatePKCE()} and google-oauth-client's PKCE constructor always hash
 * the new verifier too, so they are read against {@code pkce4j_withChallenge}.
 *
 * <p>The default {@code new SecureRandom()} is NativePRNG on Linux, and every NativePRNG instance
 * in the process reads through one shared, locked {@code /dev/urandom} buffer and one shared
 * SHA1PRNG mixer, so two threads cannot generate faster than one whichever library calls it.
 * {@code pkce4j_threadDrbg} passes a DRBG per thread through {@link CodeVerifier#generate(
 * SecureRandom)} to show what pkce4j's own code does once the random source does not serialise.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GenerateBenchmark {
  private final PKCEService scribe = PKCEService.defaultInstance();

  /** One DRBG per benchmark thread (SHA-256 Hash_DRBG, the JDK's default DRBG). */
  @State(Scope.Thread)
  public static class ThreadRandom {
    final SecureRandom drbg;

    public ThreadRandom() {
      try {
        drbg = SecureRandom.getInstance("DRBG");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Benchmark
  @Threads(1)
  public CodeVerifier pkce4j_threadDrbg_1thread(ThreadRandom random) {
    return CodeVerifier.generate(random.drbg);
  }

  @Benchmark
  @Threads(2)
  public CodeVerifier pkce4j_threadDrbg_2threads(ThreadRandom random) {
    return CodeVerifier.generate(random.drbg);
  }

  @Benchmark
  @Threads(1)
  public CodeVerifier pkce4j_1thread() {
    return CodeVerifier.generate();
  }

  @Benchmark
  @Threads(2)
  public CodeVerifier pkce4j_2threads() {
    return CodeVerifier.generate();
  }

  @Benchmark
  @Threads(1)
  public CodeChallenge pkce4j_withChallenge_1thread() {
    return CodeChallenge.s256(CodeVerifier.generate());
  }

  @Benchmark
  @Threads(2)
  public CodeChallenge pkce4j_withChallenge_2threads() {
    return CodeChallenge.s256(CodeVerifier.generate());
  }

  @Benchmark
  @Threads(1)
  public Object nimbus_1thread() {
    return new com.nimbusds.oauth2.sdk.pkce.CodeVerifier();
  }

  @Benchmark
  @Threads(2)
  public Object nimbus_2threads() {
    return new com.nimbusds.oauth2.sdk.pkce.CodeVerifier();
  }

  @Benchmark
  @Threads(1)
  public PKCE scribejava_withChallenge_1thread() {
    return scribe.generatePKCE();
  }

  @Benchmark
  @Threads(2)
  public PKCE scribejava_withChallenge_2threads() {
    return scribe.generatePKCE();
  }

  @Benchmark
  @Threads(1)
  public Object googleOauthClient_withChallenge_1thread() {
    return Peers.googleNewPkce();
  }

  @Benchmark
  @Threads(2)
  public Object googleOauthClient_withChallenge_2threads() {
    return Peers.googleNewPkce();
  }
}
