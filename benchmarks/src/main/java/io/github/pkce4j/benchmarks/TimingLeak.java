package io.github.pkce4j.benchmarks;

import io.github.pkce4j.ChallengeMethod;
import io.github.pkce4j.CodeChallenge;
import io.github.pkce4j.CodeVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A dudect-style check that verifying a code verifier does not leak, through its running time,
 * how much of the stored challenge a guess got right (Reparaz, Balasch, Verbauwhede, "Dude, is my
 * code constant time?", DATE 2017).
 *
 * <p>A pool of random verifiers is made, and for each verifier two stored challenges: one whose
 * 32 bytes equal the verifier's SHA-256 in the first 16 bytes and differ from byte 16 on (class
 * A: an early-exit comparison runs half-way before it answers), and one that differs from byte 0
 * on (class B: an early-exit comparison answers at once). Each sample picks a verifier at random
 * and a class at random, and times one call on its own. Both classes hash the same verifiers and
 * touch the same amount of memory; only the stored challenge's bytes differ.
 *
 * <p>Both classes are mismatches of the same length, so they hash the same number of blocks. A
 * Welch t statistic |t| above 4.5 means the two classes' timings differ (dudect's threshold); below
 * it, no leak was detected with this many samples. The statistic is given on all samples and on
 * the samples below the 50th, 75th and 90th percentiles, which removes the long tail that
 * interrupts and other processes add on a shared machine.
 *
 * <p>As a positive control, the same harness runs on an early-exit byte comparison of the same
 * digests: it should show a leak, proving the harness can see one of that size.
 *
 * <p>Usage: {@code benchmarks/run.sh timing-leak [SAMPLES]} (default 2,000,000 per round, 3
 * rounds). Not run by {@code mvn verify}.
 */
public final class TimingLeak {
  static final double THRESHOLD = 4.5;
  private static final double[] CROPS = {1.0, 0.90, 0.75, 0.50};

  private static final int POOL = 1024;

  private final CodeVerifier[] verifiers = new CodeVerifier[POOL];
  private final byte[][] asciis = new byte[POOL][];
  /** Index 0: class B (differs at byte 0); index 1: class A (first 16 bytes equal). */
  private final CodeChallenge[][] challenges = new CodeChallenge[2][POOL];
  private final byte[][][] expected = new byte[2][POOL][];
  private final MessageDigest digest;
  private final byte[] out = new byte[32];
  private int sink;

  private TimingLeak() throws NoSuchAlgorithmException {
    digest = MessageDigest.getInstance("SHA-256");
    SplittableRandom random = new SplittableRandom(7636);
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    for (int j = 0; j < POOL; j++) {
      String s = Verifiers.of(43, random.nextLong());
      verifiers[j] = CodeVerifier.parse(s);
      asciis[j] = s.getBytes(StandardCharsets.US_ASCII);
      byte[] hash = digest.digest(asciis[j]);
      for (int cls = 0; cls < 2; cls++) {
        int firstDifferent = cls == 1 ? 16 : 0;
        byte[] stored = hash.clone();
        for (int i = firstDifferent; i < 32; i++) {
          byte b;
          do {
            b = (byte) random.nextInt(256);
          } while (i == firstDifferent && b == hash[i]);
          stored[i] = b;
        }
        expected[cls][j] = stored;
        challenges[cls][j] =
            CodeChallenge.parse(encoder.encodeToString(stored), ChallengeMethod.S256);
        if (challenges[cls][j].matches(verifiers[j])) {
          throw new IllegalStateException("a class " + cls + " challenge matches its verifier");
        }
      }
    }
  }

  public static void main(String[] args) throws NoSuchAlgorithmException {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int rounds = 3;
    TimingLeak harness = new TimingLeak();
    System.out.println("dudect-style timing check, " + samples + " samples per round, " + rounds
        + " rounds; JDK " + System.getProperty("java.runtime.version"));
    System.out.println("class A: SHA-256 matches the challenge's first 16 bytes; class B: differs"
        + " at byte 0. |t| > " + THRESHOLD + " means the timing differs between the classes.");
    // Warm up both paths so the JIT has compiled them before anything is recorded.
    harness.measure(true, 300_000, 1);
    harness.measure(false, 300_000, 2);
    // A crop level counts as a leak only if |t| exceeds the threshold in every round, in the same
    // direction: one-off spikes come from other processes on a shared machine.
    int[] pkce4jOver = new int[CROPS.length];
    int[] controlOver = new int[CROPS.length];
    for (int round = 1; round <= rounds; round++) {
      count(pkce4jOver, report("round " + round + " pkce4j CodeChallenge.matches",
          harness.measure(true, samples, 100 + round)));
      count(controlOver, report("round " + round + " control: early-exit compare",
          harness.measure(false, samples, 200 + round)));
    }
    boolean leakInPkce4j = consistent(pkce4jOver, rounds);
    System.out.println(leakInPkce4j
        ? "RESULT: pkce4j verification timing differs between the classes in every round"
        : "RESULT: no consistent timing difference in pkce4j verification (no crop level had"
            + " |t| > " + THRESHOLD + " in every round)");
    System.out.println(consistent(controlOver, rounds)
        ? "CONTROL: the early-exit comparison was detected in every round, so the harness can"
            + " see a leak of that size"
        : "CONTROL: the early-exit comparison was NOT detected consistently; use more samples");
    System.exit(leakInPkce4j ? 1 : 0);
  }

  /** Returns the Welch t statistic at each crop in {@link #CROPS}. */
  private double[] measure(boolean pkce4j, int samples, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    boolean[] classA = new boolean[samples];
    int[] pick = new int[samples];
    for (int i = 0; i < samples; i++) {
      classA[i] = random.nextBoolean();
      pick[i] = random.nextInt(POOL);
    }
    long[] times = new long[samples];
    for (int i = 0; i < samples; i++) {
      int cls = classA[i] ? 1 : 0;
      int j = pick[i];
      long start;
      long end;
      if (pkce4j) {
        CodeChallenge c = challenges[cls][j];
        CodeVerifier v = verifiers[j];
        start = System.nanoTime();
        boolean r = c.matches(v);
        end = System.nanoTime();
        sink += r ? 1 : 0;
      } else {
        byte[] e = expected[cls][j];
        byte[] v = asciis[j];
        start = System.nanoTime();
        boolean r = earlyExitDigestEquals(v, e);
        end = System.nanoTime();
        sink += r ? 1 : 0;
      }
      times[i] = end - start;
    }
    long[] sorted = times.clone();
    Arrays.sort(sorted);
    double[] result = new double[CROPS.length];
    for (int c = 0; c < CROPS.length; c++) {
      long limit = sorted[(int) Math.min(samples - 1L, (long) (CROPS[c] * samples))];
      result[c] = welch(times, classA, limit, CROPS[c] == 1.0);
    }
    return result;
  }

  /** The leaky way: SHA-256, then a byte loop that stops at the first difference. */
  private boolean earlyExitDigestEquals(byte[] ascii, byte[] expected) {
    digest.update(ascii, 0, ascii.length);
    try {
      digest.digest(out, 0, 32);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
    for (int i = 0; i < 32; i++) {
      if (out[i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  /** Welch's t statistic between class A and class B, over samples at most {@code limit}. */
  static double welch(long[] times, boolean[] classA, long limit, boolean all) {
    long na = 0;
    long nb = 0;
    double meanA = 0;
    double meanB = 0;
    double m2A = 0;
    double m2B = 0;
    for (int i = 0; i < times.length; i++) {
      if (!all && times[i] > limit) {
        continue;
      }
      double x = times[i];
      if (classA[i]) { // Welford's online mean and variance
        na++;
        double d = x - meanA;
        meanA += d / na;
        m2A += d * (x - meanA);
      } else {
        nb++;
        double d = x - meanB;
        meanB += d / nb;
        m2B += d * (x - meanB);
      }
    }
    double varA = m2A / (na - 1);
    double varB = m2B / (nb - 1);
    return (meanA - meanB) / Math.sqrt(varA / na + varB / nb);
  }

  private static void count(int[] over, double[] t) {
    for (int c = 0; c < t.length; c++) {
      if (t[c] > THRESHOLD) {
        over[c] = over[c] >= 0 ? over[c] + 1 : Integer.MIN_VALUE / 2;
      } else if (t[c] < -THRESHOLD) {
        over[c] = over[c] <= 0 ? over[c] - 1 : Integer.MIN_VALUE / 2;
      }
    }
  }

  private static boolean consistent(int[] over, int rounds) {
    for (int o : over) {
      if (Math.abs(o) == rounds) {
        return true;
      }
    }
    return false;
  }

  private static double[] report(String what, double[] t) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-46s", what));
    boolean leak = false;
    for (int c = 0; c < CROPS.length; c++) {
      line.append(String.format(Locale.ROOT, "  t%s=%7.2f",
          CROPS[c] == 1.0 ? "(all)" : "(p" + Math.round(CROPS[c] * 100) + ")", t[c]));
      leak |= Math.abs(t[c]) > THRESHOLD;
    }
    System.out.println(line.append(leak ? "  <- differs" : ""));
    return t;
  }
}
