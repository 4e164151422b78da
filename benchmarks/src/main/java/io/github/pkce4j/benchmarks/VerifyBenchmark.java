package io.github.pkce4j.benchmarks;

import com.nimbusds.oauth2.sdk.ParseException;
import io.github.pkce4j.ChallengeMethod;
import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.CodeVerifier;
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

/**
 * Server-side verification of a token request's {@code code_verifier} against the stored S256
 * challenge (RFC 7636 §4.6), matching and not matching.
 *
 * <p>pkce4j hashes into a pooled buffer and compares the 32 digest bytes in constant time. The
 * peers recompute the challenge string and call {@code String.equals}, as Spring Authorization
 * Server ({@code CodeVerifierAuthenticator}) and Keycloak ({@code PkceUtils}) do. The floor is one
 * SHA-256 with a reused, thread-confined digest into a preallocated array.
 *
 * <p>{@code pkce4j_match} takes an already parsed {@link CodeVerifier}; a server reads a string
 * from the request, so {@code pkce4j_parseAndMatch} shows the full cost including the strict
 * RFC 7636 §4.1 parse.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VerifyBenchmark {
  private String verifierString;
  private String otherVerifierString;
  private byte[] verifierAscii;
  private CodeVerifier verifier;
  private CodeVerifier otherVerifier;
  private CodeChallenge challenge;
  private String storedChallenge;
  private com.nimbusds.oauth2.sdk.pkce.CodeChallenge nimbusChallenge;
  private MessageDigest reusedDigest;
  private final byte[] out = new byte[32];

  @Setup
  public void setUp() throws NoSuchAlgorithmException, ParseException {
    verifierString = Verifiers.of(43, 7636);
    otherVerifierString = Verifiers.of(43, 9700);
    verifierAscii = verifierString.getBytes(StandardCharsets.US_ASCII);
    verifier = CodeVerifier.parse(verifierString);
    otherVerifier = CodeVerifier.parse(otherVerifierString);
    // Parsed from its string, as a server stores and reloads it.
    storedChallenge = Peers.naiveS256(verifierString);
    challenge = CodeChallenge.parse(storedChallenge, ChallengeMethod.S256);
    nimbusChallenge = com.nimbusds.oauth2.sdk.pkce.CodeChallenge.parse(storedChallenge);
    reusedDigest = MessageDigest.getInstance("SHA-256");
    Checks.isTrue(pkce4j_match() && !pkce4j_mismatch(), "pkce4j");
    Checks.isTrue(pkce4j_parseAndMatch(), "pkce4j parse");
    Checks.isTrue(naiveJdk_match() && !naiveJdk_mismatch(), "naive JDK");
    Checks.isTrue(nimbus_match() && !nimbus_mismatch(), "Nimbus");
    Checks.isTrue(scribejava_match() && !scribejava_mismatch(), "ScribeJava");
  }

  @Benchmark
  public byte[] floor_sha256() throws DigestException {
    reusedDigest.update(verifierAscii, 0, verifierAscii.length);
    reusedDigest.digest(out, 0, 32);
    return out;
  }

  @Benchmark
  public boolean pkce4j_match() {
    return challenge.matches(verifier);
  }

  @Benchmark
  public boolean pkce4j_mismatch() {
    return challenge.matches(otherVerifier);
  }

  @Benchmark
  public boolean pkce4j_parseAndMatch() {
    return challenge.matches(CodeVerifier.parse(verifierString));
  }

  @Benchmark
  public boolean naiveJdk_match() {
    return Peers.naiveS256(verifierString).equals(storedChallenge);
  }

  @Benchmark
  public boolean naiveJdk_mismatch() {
    return Peers.naiveS256(otherVerifierString).equals(storedChallenge);
  }

  @Benchmark
  public boolean nimbus_match() {
    return Peers.nimbusRecompute(verifierString).equals(nimbusChallenge);
  }

  @Benchmark
  public boolean nimbus_mismatch() {
    return Peers.nimbusRecompute(otherVerifierString).equals(nimbusChallenge);
  }

  @Benchmark
  public boolean scribejava_match() {
    return Peers.scribeS256(verifierString).equals(storedChallenge);
  }

  @Benchmark
  public boolean scribejava_mismatch() {
    return Peers.scribeS256(otherVerifierString).equals(storedChallenge);
  }
}
