package io.github.pkce4j.benchmarks;

import com.nimbusds.oauth2.sdk.ParseException;
import io.github.pkce4j.ChallengeMethod;
import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.CodeVerifier;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@value #TASKS} verifications (or S256 challenges), each on its own virtual thread, as a
 * server with a virtual thread per request runs them (JDK 21+). One operation submits
 * all tasks to {@code Executors.newVirtualThreadPerTaskExecutor()} and waits for them.
 *
 * <p>{@code empty} runs the same number of virtual threads doing nothing, so the report can show
 * the cost a verification adds to a virtual thread. A design that kept a digest per thread (a
 * {@code ThreadLocal}) would make one digest per task here.
 *
 * <p>This class compiles on JDK 17: the executor is looked up at run time, and
 * {@link RunAndReport} leaves this benchmark out on JDKs without virtual threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class VirtualThreadBenchmark {
  /** Virtual threads per operation. */
  static final int TASKS = 100_000;

  private final String verifierString = Verifiers.of(43, 7636);
  private final CodeVerifier verifier = CodeVerifier.parse(verifierString);
  private final String storedChallenge = Peers.naiveS256(verifierString);
  private final CodeChallenge challenge =
      CodeChallenge.parse(storedChallenge, ChallengeMethod.S256);
  private final AtomicInteger wrong = new AtomicInteger();
  private com.nimbusds.oauth2.sdk.pkce.CodeChallenge nimbusChallenge;
  private MethodHandle newExecutor;

  /** Whether this JDK has virtual threads ({@code Executors.newVirtualThreadPerTaskExecutor}). */
  static boolean available() {
    return Runtime.version().feature() >= 21;
  }

  @Setup
  public void setUp() throws ReflectiveOperationException, ParseException {
    if (!available()) {
      throw new IllegalStateException("virtual threads need JDK 21+, this is "
          + Runtime.version());
    }
    newExecutor = MethodHandles.publicLookup().findStatic(java.util.concurrent.Executors.class,
        "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
    nimbusChallenge = com.nimbusds.oauth2.sdk.pkce.CodeChallenge.parse(storedChallenge);
  }

  private int run(Runnable task) throws Throwable {
    ExecutorService executor = (ExecutorService) newExecutor.invokeExact();
    for (int i = 0; i < TASKS; i++) {
      executor.execute(task);
    }
    executor.shutdown();
    if (!executor.awaitTermination(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("virtual threads did not finish");
    }
    if (wrong.get() != 0) {
      throw new IllegalStateException(wrong.get() + " wrong answers");
    }
    return TASKS;
  }

  private void check(boolean right) {
    if (!right) {
      wrong.incrementAndGet();
    }
  }

  @Benchmark
  public int empty() throws Throwable {
    return run(() -> check(true));
  }

  @Benchmark
  public int verify_pkce4j() throws Throwable {
    return run(() -> check(challenge.matches(verifier)));
  }

  @Benchmark
  public int verify_naiveJdk() throws Throwable {
    return run(() -> check(Peers.naiveS256(verifierString).equals(storedChallenge)));
  }

  @Benchmark
  public int verify_scribejava() throws Throwable {
    return run(() -> check(Peers.scribeS256(verifierString).equals(storedChallenge)));
  }

  @Benchmark
  public int verify_nimbus() throws Throwable {
    return run(() -> check(Peers.nimbusRecompute(verifierString).equals(nimbusChallenge)));
  }

  @Benchmark
  public int s256_pkce4j() throws Throwable {
    return run(() -> check(CodeChallenge.s256(verifier).value().length() == 43));
  }

  @Benchmark
  public int s256_naiveJdk() throws Throwable {
    return run(() -> check(Peers.naiveS256(verifierString).length() == 43));
  }

  @Benchmark
  public int s256_scribejava() throws Throwable {
    return run(() -> check(Peers.scribeS256(verifierString).length() == 43));
  }

  @Benchmark
  public int s256_nimbus() throws Throwable {
    return run(() -> check(Peers.nimbusRecompute(verifierString).getValue().length() == 43));
  }
}
