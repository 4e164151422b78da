package io.github.pkce4j.benchmarks;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import io.github.pkce4j.ChallengeMethod;
import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.CodeVerifier;
import io.github.pkce4j.internal.ConstantTime;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * S256 and verification (43-char verifier) on 1, 2, 4 and 64 threads, as total throughput: what
 * a server does on many cores. Every thread shares one verifier and one stored
 * challenge, as every request thread of a server shares pkce4j's default config; a library whose
 * threads contend on shared state gets slower, not faster, with a second thread.
 *
 * <p>The floor is one SHA-256 per call with a digest confined to the benchmark thread (and, for
 * verification, a constant-time compare of the 32 bytes): it scales perfectly because nothing is
 * shared. The peers (the naive JDK way, ScribeJava, Nimbus, google-oauth-client for S256) share
 * nothing either: each call makes its own digest. 64 threads are 32 per core on the 2-core
 * machine of the published results, to show that oversubscription does not collapse throughput.
 *
 * <p>Generated methods, one per implementation and thread count, because JMH's {@code @Threads}
 * is per method and the report reads each one by name.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ScalingBenchmark {
  private final String verifierString = Verifiers.of(43, 7636);
  private final byte[] verifierAscii = verifierString.getBytes(StandardCharsets.US_ASCII);
  private final CodeVerifier verifier = CodeVerifier.parse(verifierString);
  private final com.nimbusds.oauth2.sdk.pkce.CodeVerifier nimbusVerifier =
      new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(verifierString);
  private final String storedChallenge = Peers.naiveS256(verifierString);
  private final CodeChallenge challenge =
      CodeChallenge.parse(storedChallenge, ChallengeMethod.S256);
  private byte[] expected;
  private com.nimbusds.oauth2.sdk.pkce.CodeChallenge nimbusChallenge;

  /** What each benchmark thread keeps for itself: the floor's digest, google's holder. */
  @State(Scope.Thread)
  public static class PerThread {
    final byte[] out = new byte[32];
    MessageDigest digest;
    Object googleHolder;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
      digest = MessageDigest.getInstance("SHA-256");
      googleHolder = Peers.googleNewPkce();
    }

    byte[] floor(byte[] ascii) {
      try {
        digest.update(ascii, 0, ascii.length);
        digest.digest(out, 0, 32);
      } catch (DigestException e) {
        throw new IllegalStateException(e);
      }
      return out;
    }

    boolean floorEquals(byte[] ascii, byte[] expected) {
      return ConstantTime.equals(floor(ascii), expected);
    }
  }

  @Setup
  public void setUp() throws NoSuchAlgorithmException, ParseException {
    expected = MessageDigest.getInstance("SHA-256").digest(verifierAscii);
    nimbusChallenge = com.nimbusds.oauth2.sdk.pkce.CodeChallenge.parse(storedChallenge);
    PerThread t = new PerThread();
    t.setUp();
    Checks.sameChallenge(verifierString, CodeChallenge.s256(verifier).value(),
        Peers.naiveS256(verifierString), Peers.scribeS256(verifierString),
        com.nimbusds.oauth2.sdk.pkce.CodeChallenge.compute(CodeChallengeMethod.S256,
            nimbusVerifier).getValue(), Peers.googleS256(t.googleHolder, verifierString));
    Checks.isTrue(challenge.matches(verifier) && t.floorEquals(verifierAscii, expected)
        && Peers.nimbusRecompute(verifierString).equals(nimbusChallenge), "verify");
  }

  @Benchmark
  @Threads(1)
  public byte[] s256_floor_1threads(PerThread t) {
    return t.floor(verifierAscii);
  }
  @Benchmark
  @Threads(1)
  public String s256_pkce4j_1threads() {
    return CodeChallenge.s256(verifier).value();
  }
  @Benchmark
  @Threads(1)
  public String s256_naiveJdk_1threads() {
    return Peers.naiveS256(verifierString);
  }
  @Benchmark
  @Threads(1)
  public String s256_scribejava_1threads() {
    return Peers.scribeS256(verifierString);
  }
  @Benchmark
  @Threads(1)
  public String s256_nimbus_1threads() {
    return com.nimbusds.oauth2.sdk.pkce.CodeChallenge.compute(CodeChallengeMethod.S256, nimbusVerifier).getValue();
  }
  @Benchmark
  @Threads(1)
  public String s256_googleOauthClient_1threads(PerThread t) {
    return Peers.googleS256(t.googleHolder, verifierString);
  }
  @Benchmark
  @Threads(1)
  public boolean verify_floor_1threads(PerThread t) {
    return t.floorEquals(verifierAscii, expected);
  }
  @Benchmark
  @Threads(1)
  public boolean verify_pkce4j_1threads() {
    return challenge.matches(verifier);
  }
  @Benchmark
  @Threads(1)
  public boolean verify_naiveJdk_1threads() {
    return Peers.naiveS256(verifierString).equals(storedChallenge);
  }
  @Benchmark
  @Threads(1)
  public boolean verify_scribejava_1threads() {
    return Peers.scribeS256(verifierString).equals(storedChallenge);
  }
  @Benchmark
  @Threads(1)
  public boolean verify_nimbus_1threads() {
    return Peers.nimbusRecompute(verifierString).equals(nimbusChallenge);
  }
  @Benchmark
  @Threads(2)
  public byte[] s256_floor_2threads(PerThread t) {
    return t.floor(verifierAscii);
  }
  @Benchmark
  @Threads(2)
  public String s256_pkce4j_2threads() {
    return CodeChallenge.s256(verifier).value();
  }
  @Benchmark
  @Threads(2)
  public String s256_naiveJdk_2threads() {
    return Peers.naiveS256(verifierString);
  }
  @Benchmark
  @Threads(2)
  public String s256_scribejava_2threads() {
    return Peers.scribeS256(verifierString);
  }
  @Benchmark
  @Threads(2)
  public String s256_nimbus_2threads() {
    return com.nimbusds.oauth2.sdk.pkce.CodeChallenge.compute(CodeChallengeMethod.S256, nimbusVerifier).getValue();
  }
  @Benchmark
  @Threads(2)
  public String s256_googleOauthClient_2threads(PerThread t) {
    return Peers.googleS256(t.googleHolder, verifierString);
  }
  @Benchmark
  @Threads(2)
  public boolean verify_floor_2threads(PerThread t) {
    return t.floorEquals(verifierAscii, expected);
  }
  @Benchmark
  @Threads(2)
  public boolean verify_pkce4j_2threads() {
    return challenge.matches(verifier);
  }
  @Benchmark
  @Threads(2)
  public boolean verify_naiveJdk_2threads() {
    return Peers.naiveS256(verifierString).equals(storedChallenge);
  }
  @Benchmark
  @Threads(2)
  public boolean verify_scribejava_2threads() {
    return Peers.scribeS256(verifierString).equals(storedChallenge);
  }
  @Benchmark
  @Threads(2)
  public boolean verify_nimbus_2threads() {
    return Peers.nimbusRecompute(verifierString).equals(nimbusChallenge);
  }
  @Benchmark
  @Threads(4)
  public byte[] s256_floor_4threads(PerThread t) {
    return t.floor(verifierAscii);
  }
  @Benchmark
  @Threads(4)
  public String s256_pkce4j_4threads() {
    return CodeChallenge.s256(verifier).value();
  }
  @Benchmark
  @Threads(4)
  public String s256_naiveJdk_4threads() {
    return Peers.naiveS256(verifierString);
  }
  @Benchmark
  @Threads(4)
  public String s256_scribejava_4threads() {
    return Peers.scribeS256(verifierString);
  }
  @Benchmark
  @Threads(4)
  public String s256_nimbus_4threads() {
    return com.nimbusds.oauth2.sdk.pkce.CodeChallenge.compute(CodeChallengeMethod.S256, nimbusVerifier).getValue();
  }
  @Benchmark
  @Threads(4)
  public String s256_googleOauthClient_4threads(PerThread t) {
    return Peers.googleS256(t.googleHolder, verifierString);
  }
  @Benchmark
  @Threads(4)
  public boolean verify_floor_4threads(PerThread t) {
    return t.floorEquals(verifierAscii, expected);
  }
  @Benchmark
  @Threads(4)
  public boolean verify_pkce4j_4threads() {
    return challenge.matches(verifier);
  }
  @Benchmark
  @Threads(4)
  public boolean verify_naiveJdk_4threads() {
    return Peers.naiveS256(verifierString).equals(storedChallenge);
  }
  @Benchmark
  @Threads(4)
  public boolean verify_scribejava_4threads() {
    return Peers.scribeS256(verifierString).equals(storedChallenge);
  }
  @Benchmark
  @Threads(4)
  public boolean verify_nimbus_4threads() {
    return Peers.nimbusRecompute(verifierString).equals(nimbusChallenge);
  }
  @Benchmark
  @Threads(64)
  public byte[] s256_floor_64threads(PerThread t) {
    return t.floor(verifierAscii);
  }
  @Benchmark
  @Threads(64)
  public String s256_pkce4j_64threads() {
    return CodeChallenge.s256(verifier).value();
  }
  @Benchmark
  @Threads(64)
  public String s256_naiveJdk_64threads() {
    return Peers.naiveS256(verifierString);
  }
  @Benchmark
  @Threads(64)
  public boolean verify_floor_64threads(PerThread t) {
    return t.floorEquals(verifierAscii, expected);
  }
  @Benchmark
  @Threads(64)
  public boolean verify_pkce4j_64threads() {
    return challenge.matches(verifier);
  }
  @Benchmark
  @Threads(64)
  public boolean verify_naiveJdk_64threads() {
    return Peers.naiveS256(verifierString).equals(storedChallenge);
  }
}
