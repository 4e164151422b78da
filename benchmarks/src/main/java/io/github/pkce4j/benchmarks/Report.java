package io.github.pkce4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns JMH results into the markdown table of the module README: scores, allocation per
 * operation, ratios to the floor and to each peer, and the targets as met or missed.
 *
 * <p>Ratios use each benchmark's best measurement iteration (lowest time, highest throughput):
 * on a machine shared with other work, load comes and goes between benchmarks that JMH runs one
 * after another, and the best iteration is the one least disturbed by it. The mean ± 99.9% error
 * of every benchmark is printed beside it, so the spread is never hidden.
 */
final class Report {
  /** Targets from the benchmarks issue; ratios measured in one run. */
  static final double MAX_FLOOR_RATIO = 1.3;
  static final double MIN_NIMBUS_SPEEDUP = 3.0;
  static final double MIN_THREAD_SCALING = 1.5;
  static final double MAX_ZERO_ALLOCATION = 1.0; // B/op below which the GC profiler means none
  static final double LINEAR_TOLERANCE = 0.15;

  private final Map<String, RunResult> byKey = new LinkedHashMap<>();
  private final LocalDate date;
  private final String command;
  private final StringBuilder out = new StringBuilder();
  private final StringBuilder targets = new StringBuilder();

  private final Map<String, double[]> paired;

  Report(Collection<RunResult> results, Map<String, double[]> paired, LocalDate date,
      String command) {
    this.paired = paired;
    for (RunResult result : results) {
      String benchmark = result.getParams().getBenchmark();
      String key = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1)
          + 1);
      for (String param : result.getParams().getParamsKeys()) {
        key += "|" + result.getParams().getParam(param);
      }
      byKey.put(key, result);
    }
    this.date = date;
    this.command = command;
  }

  String markdown() {
    out.append("### ").append(jdk()).append(", ").append(date).append("\n\n");
    out.append("- JDK: ").append(System.getProperty("java.vm.vendor")).append(' ')
        .append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.runtime.version")).append('\n');
    out.append("- CPU: ").append(cpu()).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores visible; ")
        .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
        .append('\n');
    out.append("- Default `new SecureRandom()`: ").append(new java.security.SecureRandom()
        .getAlgorithm()).append('\n');
    out.append("- Command: `").append(command).append("`\n");
    out.append("- Scores: best iteration (mean ± 99.9% error); ratios use the best iterations.\n\n");
    targets.append("| target | JMH best iterations | paired median | result |\n")
        .append("|---|---:|---:|---|\n");

    s256("43");
    s256("128");
    verify();
    generate();
    audit();
    out.append(PairedRatios.markdown(paired));

    out.append("#### Targets\n\n").append(targets).append('\n');
    return out.toString();
  }

  private void s256(String length) {
    String prefix = "S256Benchmark.";
    if (!byKey.containsKey(prefix + "pkce4j|" + length)) {
      return;
    }
    double floor = score(prefix + "floor_sha256|" + length);
    double pkce4j = score(prefix + "pkce4j|" + length);
    out.append("#### S256 challenge, ").append(length).append("-char verifier (ns/op, lower is")
        .append(" better)\n\n");
    out.append("| implementation | ns/op best (mean ± err) | B/op | × floor | pkce4j faster by |\n")
        .append("|---|---:|---:|---:|---:|\n");
    for (String name : new String[] {"floor_sha256", "pkce4j", "floor_sha256_bouncyCastle",
        "pkce4j_bouncyCastle", "naiveJdk", "nimbus", "scribejava", "googleOauthClient"}) {
      String key = prefix + name + "|" + length;
      if (!byKey.containsKey(key)) {
        continue;
      }
      double s = score(key);
      String versus = name.startsWith("pkce4j") || name.startsWith("floor") ? "" : times(s / pkce4j);
      out.append("| ").append(name).append(" | ").append(scoreText(key)).append(" | ")
          .append(alloc(key)).append(" | ").append(times(s / floor)).append(" | ")
          .append(versus).append(" |\n");
    }
    String bcFloor = prefix + "floor_sha256_bouncyCastle|" + length;
    String bc = prefix + "pkce4j_bouncyCastle|" + length;
    if (byKey.containsKey(bcFloor) && byKey.containsKey(bc)) {
      out.append("\npkce4j with Bouncy Castle is ").append(times(score(bc) / score(bcFloor)))
          .append(" its own floor (Bouncy Castle's SHA-256 with a reused digest).\n");
    }
    out.append('\n');
    target("S256 " + length + " chars ≤ " + MAX_FLOOR_RATIO + "× floor", pkce4j / floor,
        pkce4j / floor <= MAX_FLOOR_RATIO, "s256-" + length, v -> v <= MAX_FLOOR_RATIO);
    String nimbus = prefix + "nimbus|" + length;
    if (byKey.containsKey(nimbus)) {
      double speedup = score(nimbus) / pkce4j;
      target("S256 " + length + " chars ≥ " + MIN_NIMBUS_SPEEDUP + "× faster than Nimbus",
          speedup, speedup >= MIN_NIMBUS_SPEEDUP, "nimbus-" + length,
          v -> v >= MIN_NIMBUS_SPEEDUP);
    }
  }

  private void verify() {
    String prefix = "VerifyBenchmark.";
    if (!byKey.containsKey(prefix + "pkce4j_match")) {
      return;
    }
    double floor = score(prefix + "floor_sha256");
    double match = score(prefix + "pkce4j_match");
    out.append("#### Verification, 43-char verifier against a stored S256 challenge (ns/op)\n\n");
    out.append("| implementation | ns/op best (mean ± err) | B/op | × floor | pkce4j_match faster by |\n")
        .append("|---|---:|---:|---:|---:|\n");
    for (String name : new String[] {"floor_sha256", "pkce4j_match", "pkce4j_mismatch",
        "pkce4j_parseAndMatch", "naiveJdk_match", "naiveJdk_mismatch", "nimbus_match",
        "nimbus_mismatch", "scribejava_match", "scribejava_mismatch"}) {
      String key = prefix + name;
      if (!byKey.containsKey(key)) {
        continue;
      }
      double s = score(key);
      String versus = name.startsWith("pkce4j") || name.startsWith("floor") ? "" : times(s / match);
      out.append("| ").append(name).append(" | ").append(scoreText(key)).append(" | ")
          .append(alloc(key)).append(" | ").append(times(s / floor)).append(" | ")
          .append(versus).append(" |\n");
    }
    out.append('\n');
    for (String name : new String[] {"pkce4j_match", "pkce4j_mismatch"}) {
      String key = prefix + name;
      if (!byKey.containsKey(key)) {
        continue;
      }
      double ratio = score(key) / floor;
      target("verify (" + name.substring(7) + ") ≤ " + MAX_FLOOR_RATIO + "× floor", ratio,
          ratio <= MAX_FLOOR_RATIO, name.substring(7), v -> v <= MAX_FLOOR_RATIO);
      double bytes = allocBytes(key);
      targets.append("| verify (").append(name.substring(7)).append(") allocates 0 B/op | ")
          .append(String.format(Locale.ROOT, "%.3f B/op", bytes)).append(" |  | ")
          .append(bytes < MAX_ZERO_ALLOCATION ? "met" : "**missed**").append(" |\n");
    }
  }

  private void generate() {
    String prefix = "GenerateBenchmark.";
    if (!byKey.containsKey(prefix + "pkce4j_1thread")) {
      return;
    }
    out.append("#### Verifier generation, total throughput (ops/µs, higher is better)\n\n");
    out.append("| implementation | 1 thread | 2 threads | 2 threads ÷ 1 | B/op | pkce4j faster by"
        + " (1 thread) |\n|---|---:|---:|---:|---:|---:|\n");
    for (String name : new String[] {"pkce4j", "nimbus", "pkce4j_threadDrbg", "pkce4j_withChallenge",
        "scribejava_withChallenge", "googleOauthClient_withChallenge"}) {
      String one = prefix + name + "_1thread";
      String two = prefix + name + "_2threads";
      if (!byKey.containsKey(one) || !byKey.containsKey(two)) {
        continue;
      }
      String baseline = name.endsWith("_withChallenge") ? "pkce4j_withChallenge_1thread"
          : "pkce4j_1thread";
      String versus = name.startsWith("pkce4j") || !byKey.containsKey(prefix + baseline) ? ""
          : times(score(prefix + baseline) / score(one));
      double scaling = score(two) / score(one);
      out.append("| ").append(name).append(" | ").append(scoreText(one)).append(" | ")
          .append(scoreText(two)).append(" | ").append(times(scaling)).append(" | ")
          .append(alloc(one)).append(" | ").append(versus).append(" |\n");
      if (name.equals("pkce4j")) {
        target("generation: 2 threads ≥ " + MIN_THREAD_SCALING + "× 1 thread", scaling,
            scaling >= MIN_THREAD_SCALING);
      }
    }
    out.append('\n');
  }

  private void audit() {
    audit("cli");
  }

  private void audit(String method) {
    String prefix = "AuditBenchmark." + method + "|";
    List<String> sizes = new java.util.ArrayList<>();
    for (String key : byKey.keySet()) {
      if (key.startsWith(prefix)) {
        sizes.add(key.substring(prefix.length()));
      }
    }
    if (sizes.isEmpty()) {
      return;
    }
    sizes.sort((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
    out.append("#### Audit, ").append(method.equals("scan") ? "`PkceAudit.scan` (library)"
        : "`pkce audit --format sarif` (whole command)")
        .append(", generated corpus (ms per audit, lower is better)\n\n");
    out.append("| files | ms/op best (mean ± err) | files/s | B/file | µs/file |\n")
        .append("|---:|---:|---:|---:|---:|\n");
    for (String size : sizes) {
      String key = prefix + size;
      int files = Integer.parseInt(size);
      double ms = score(key);
      out.append("| ").append(size).append(" | ").append(scoreText(key)).append(" | ")
          .append(String.format(Locale.ROOT, "%,.0f", files / (ms / 1000.0))).append(" | ")
          .append(String.format(Locale.ROOT, "%,.0f", allocBytes(key) / files)).append(" | ")
          .append(String.format(Locale.ROOT, "%.1f", ms * 1000.0 / files)).append(" |\n");
    }
    out.append('\n');
    String small = sizes.get(0);
    String large = sizes.get(sizes.size() - 1);
    double perFileSmall = score(prefix + small) / Integer.parseInt(small);
    double perFileLarge = score(prefix + large) / Integer.parseInt(large);
    double ratio = perFileLarge / perFileSmall;
    target("audit (" + method + ") linear: time per file at " + large + " ÷ at " + small
        + " within 1 ± " + LINEAR_TOLERANCE, ratio, Math.abs(ratio - 1) <= LINEAR_TOLERANCE);
  }

  /**
   * A target row. When a paired measurement exists for it, the target is met only if both the
   * JMH ratio and the paired median meet it.
   */
  private void target(String what, double value, boolean met, String pairedKey,
      java.util.function.DoublePredicate meets) {
    double[] p = pairedKey == null ? null : paired.get(pairedKey);
    boolean pairedMet = p == null || meets.test(p[0]);
    targets.append("| ").append(what).append(" | ").append(times(value)).append(" | ")
        .append(p == null ? "" : times(p[0])).append(" | ")
        .append(met && pairedMet ? "met" : "**missed**").append(" |\n");
  }

  private void target(String what, double value, boolean met) {
    target(what, value, met, null, v -> true);
  }

  /** The best iteration's score: lowest for times, highest for throughput. */
  private double score(String key) {
    RunResult result = byKey.get(key);
    boolean higherIsBetter = result.getParams().getMode() == Mode.Throughput;
    double best = higherIsBetter ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
      for (IterationResult iteration : benchmark.getIterationResults()) {
        double s = iteration.getPrimaryResult().getScore();
        best = higherIsBetter ? Math.max(best, s) : Math.min(best, s);
      }
    }
    return best;
  }

  /** "best (mean ± error)". */
  private String scoreText(String key) {
    Result<?> r = byKey.get(key).getPrimaryResult();
    double error = r.getScoreError();
    return format(score(key)) + " (" + (Double.isNaN(error)
        ? format(r.getScore())
        : format(r.getScore()) + " ± " + format(error)) + ")";
  }

  private double allocBytes(String key) {
    for (Map.Entry<String, Result> e : byKey.get(key).getSecondaryResults().entrySet()) {
      if (e.getKey().endsWith("gc.alloc.rate.norm")) {
        return e.getValue().getScore();
      }
    }
    return Double.NaN;
  }

  private String alloc(String key) {
    double bytes = allocBytes(key);
    return Double.isNaN(bytes) ? "n/a" : bytes < MAX_ZERO_ALLOCATION ? "≈0"
        : String.format(Locale.ROOT, "%,.0f", bytes);
  }

  private static String format(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String times(double ratio) {
    return String.format(Locale.ROOT, "%.2f×", ratio);
  }

  private static String jdk() {
    return "JDK " + Runtime.version().feature();
  }

  private static String cpu() {
    try {
      for (String line : Files.readAllLines(Paths.get("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux: fall through to the architecture alone.
    }
    return System.getProperty("os.arch");
  }
}
