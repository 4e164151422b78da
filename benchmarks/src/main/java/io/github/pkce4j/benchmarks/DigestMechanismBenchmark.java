package io.github.pkce4j.benchmarks;

import io.github.pkce4j.internal.Sha256Pool;
import java.nio.ByteBuffer;
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
 * How a thread-safe library can get a SHA-256 digest for one verification (hash a 43-char
 * verifier, compare the 32 bytes as four longs in constant time), measured to choose pkce-core's mechanism (issue
 * 9). Run at several thread counts with {@code -t}: {@code java -jar benchmarks/target/
 * benchmarks.jar DigestMechanism -t 2 -prof gc}.
 *
 * <ul>
 *   <li>{@code floor}: a digest confined to the benchmark thread; what no library can keep.
 *   <li>{@code getInstance}: a new {@code MessageDigest.getInstance("SHA-256")} per call.
 *   <li>{@code cloneOfPrototype}: {@code clone()} of one shared, never-used digest per call.
 *   <li>{@code threadLocal}: a digest per thread; one per virtual thread too, so it is here for
 *       reference only.
 *   <li>{@code pool}: pkce-core's {@code internal.Sha256Pool}, what {@code CodeChallenge} uses.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DigestMechanismBenchmark {
  private final byte[] input = Verifiers.of(43, 7636).getBytes(StandardCharsets.US_ASCII);
  private byte[] expected;
  private long[] expectedWords;
  private MessageDigest prototype;
  private Sha256Pool pool;
  private final ThreadLocal<MessageDigest> perThread = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  });

  /** Each benchmark thread's own digest and output array. */
  @State(Scope.Thread)
  public static class Confined {
    final byte[] out = new byte[32];
    final ByteBuffer words = ByteBuffer.wrap(out);
    MessageDigest digest;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
      digest = MessageDigest.getInstance("SHA-256");
    }
  }

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    expected = MessageDigest.getInstance("SHA-256").digest(input);
    prototype = MessageDigest.getInstance("SHA-256");
    pool = new Sha256Pool(null);
    expectedWords = Sha256Pool.words(expected);
    Checks.isTrue(pool.digestEquals(input, expectedWords[0], expectedWords[1], expectedWords[2],
        expectedWords[3]), "pool");
  }

  @Benchmark
  public boolean floor(Confined confined) throws DigestException {
    return hashAndCompare(confined.digest, confined);
  }

  @Benchmark
  public boolean getInstance(Confined confined) throws Exception {
    return hashAndCompare(MessageDigest.getInstance("SHA-256"), confined);
  }

  @Benchmark
  public boolean cloneOfPrototype(Confined confined) throws Exception {
    return hashAndCompare((MessageDigest) prototype.clone(), confined);
  }

  @Benchmark
  public boolean threadLocal(Confined confined) throws DigestException {
    return hashAndCompare(perThread.get(), confined);
  }

  @Benchmark
  public boolean pool() {
    return pool.digestEquals(input, expectedWords[0], expectedWords[1], expectedWords[2],
        expectedWords[3]);
  }

  /** Hashes and compares as the pool does: four 64-bit words, no early exit. */
  private boolean hashAndCompare(MessageDigest digest, Confined confined) throws DigestException {
    digest.update(input, 0, input.length);
    digest.digest(confined.out, 0, 32);
    ByteBuffer w = confined.words;
    long[] e = expectedWords;
    return ((w.getLong(0) ^ e[0]) | (w.getLong(8) ^ e[1]) | (w.getLong(16) ^ e[2])
        | (w.getLong(24) ^ e[3])) == 0;
  }
}
