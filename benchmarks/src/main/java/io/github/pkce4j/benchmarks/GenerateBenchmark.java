package io.github.pkce4j.benchmarks;

import com.github.scribejava.core.pkce.PKCE;
import com.github.scribejava.core.pkce.PKCEService;
import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.CodeVerifier;
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
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GenerateBenchmark {
  private final PKCEService scribe = PKCEService.defaultInstance();

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
