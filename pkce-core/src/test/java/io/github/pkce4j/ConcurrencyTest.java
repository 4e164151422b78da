package io.github.pkce4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Many threads generating, hashing and verifying at once all get correct answers. */
class ConcurrencyTest {
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

  @Test
  void manyThreads_generateAndVerify_allCorrect() throws Exception {
    int threads = 32;
    int rounds = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(pool.submit(worker(rounds)));
      }
      int errors = 0;
      for (Future<Integer> f : results) {
        errors += f.get();
      }
      assertEquals(0, errors, "wrong answers under concurrency");
    } finally {
      pool.shutdownNow();
    }
  }

  private static Callable<Integer> worker(int rounds) {
    return () -> {
      int errors = 0;
      CodeVerifier known = CodeVerifier.parse(VERIFIER);
      CodeChallenge knownChallenge = CodeChallenge.parse(CHALLENGE, ChallengeMethod.S256);
      for (int i = 0; i < rounds; i++) {
        CodeVerifier fresh = CodeVerifier.generate();
        CodeChallenge freshChallenge = CodeChallenge.s256(fresh);
        if (!freshChallenge.matches(fresh)) {
          errors++;
        }
        if (freshChallenge.matches(known) || knownChallenge.matches(fresh)) {
          errors++;
        }
        if (!knownChallenge.matches(known)) {
          errors++;
        }
        if (!CodeChallenge.s256(known).value().equals(CHALLENGE)) {
          errors++;
        }
      }
      return errors;
    };
  }
}
