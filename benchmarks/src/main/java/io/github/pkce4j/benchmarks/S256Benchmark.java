package io.github.pkce4j.benchmarks;

import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.CodeVerifier;
import io.github.pkce4j.PkceConfig;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * S256 challenge from a verifier, {@code BASE64URL(SHA256(ASCII(verifier)))} (RFC 7636 §4.2):
 * pkce4j beside the raw SHA-256 floor and the PKCE code Java developers use today.
 *
 * <p>The floor is one SHA-256 of the same bytes with a digest reused from a thread-confined
 * {@code @State(Scope.Thread)}, written into a preallocated array: what the hashing costs with no
 * encoding, no allocation and no sharing between threads. A library that is safe to call from
 * any thread cannot beat it; the question is how close it gets.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class S256Benchmark {
  /** 43 is the shortest verifier and what 32 random bytes give; 128 the longest (RFC 7636 §4.1). */
  @Param({"43", "128"})
  public int verifierLength;

  private String verifierString;
  private byte[] verifierAscii;
  private CodeVerifier verifier;
  private com.nimbusds.oauth2.sdk.pkce.CodeVerifier nimbusVerifier;
  private PkceConfig bouncyCastle;
  private MessageDigest reusedDigest;
  private MessageDigest reusedBouncyCastleDigest;
  private final byte[] out = new byte[32];
  private Object googleHolder;

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    verifierString = Verifiers.of(verifierLength, 7636);
    verifierAscii = verifierString.getBytes(StandardCharsets.US_ASCII);
    verifier = CodeVerifier.parse(verifierString);
    nimbusVerifier = new com.nimbusds.oauth2.sdk.pkce.CodeVerifier(verifierString);
    BouncyCastleProvider provider = new BouncyCastleProvider();
    bouncyCastle = PkceConfig.builder().sha256Provider(provider).build();
    reusedDigest = MessageDigest.getInstance("SHA-256");
    reusedBouncyCastleDigest = MessageDigest.getInstance("SHA-256", provider);
    googleHolder = Peers.googleNewPkce();
    Checks.sameChallenge(verifierString, CodeChallenge.s256(verifier).value(), pkce4j_bouncyCastle(),
        naiveJdk(), nimbus(), scribejava(), googleOauthClient());
  }

  /** The floor: SHA-256 with a thread-confined, reused digest into a preallocated array. */
  @Benchmark
  public byte[] floor_sha256() throws DigestException {
    reusedDigest.update(verifierAscii, 0, verifierAscii.length);
    reusedDigest.digest(out, 0, 32);
    return out;
  }

  /** The floor for the Bouncy Castle provider, to read {@link #pkce4j_bouncyCastle} against. */
  @Benchmark
  public byte[] floor_sha256_bouncyCastle() throws DigestException {
    reusedBouncyCastleDigest.update(verifierAscii, 0, verifierAscii.length);
    reusedBouncyCastleDigest.digest(out, 0, 32);
    return out;
  }

  @Benchmark
  public String pkce4j() {
    return CodeChallenge.s256(verifier).value();
  }

  @Benchmark
  public String pkce4j_bouncyCastle() {
    return CodeChallenge.s256(verifier, bouncyCastle).value();
  }

  /** New digest per call, {@code getBytes}, {@code java.util.Base64}: Spring AS and Keycloak. */
  @Benchmark
  public String naiveJdk() {
    return Peers.naiveS256(verifierString);
  }

  @Benchmark
  public String nimbus() {
    return com.nimbusds.oauth2.sdk.pkce.CodeChallenge
        .compute(CodeChallengeMethod.S256, nimbusVerifier).getValue();
  }

  @Benchmark
  public String scribejava() {
    return Peers.scribeS256(verifierString);
  }

  /** Its private {@code generateChallenge}: not reachable by its users (see {@link Peers}). */
  @Benchmark
  public String googleOauthClient() {
    return Peers.googleS256(googleHolder, verifierString);
  }
}
