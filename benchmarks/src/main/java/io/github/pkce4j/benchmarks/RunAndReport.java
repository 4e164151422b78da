package io.github.pkce4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks with one of two fixed settings and writes the markdown results table.
 *
 * <p>After JMH it measures {@link PairedRatios}, the floor ratios again in alternating blocks.
 *
 * <p>Usage: {@code RunAndReport quick|full OUT_DIR [INCLUDE_REGEX...]}. It writes
 * {@code OUT_DIR/results-<jdk>.md} (the table, ratios and targets) and
 * {@code OUT_DIR/results-<jdk>.json} (JMH's raw results). {@code benchmarks/run.sh} is the
 * documented way to call it.
 */
public final class RunAndReport {
  private static final String AUDIT = "io\\.github\\.pkce4j\\.benchmarks\\.AuditBenchmark\\..*";
  private static final String VIRTUAL =
      "io\\.github\\.pkce4j\\.benchmarks\\.VirtualThreadBenchmark\\..*";
  /** The oversubscribed methods (64 threads on a few cores), run with a longer warm-up. */
  private static final String OVERSUBSCRIBED = "_64threads$";
  /**
   * Warm-up iterations of the oversubscribed methods. With 64 busy threads on 2 cores the JIT's
   * compiler threads get a sliver of the CPU, so code that a 1-thread fork compiles in a second
   * is still running in C1, without the SHA-256 intrinsic, after the usual 3 warm-up seconds.
   * On JDK 17 pkce4j's verification at 64 threads reached its steady 21 to 32 ops/µs by warm-up
   * iteration 5 to 11 (3 forks), the floor by iteration 2; each iteration takes about 2.5 s
   * there, as 64 threads take turns. The rows then show the steady state, which is what a
   * long-running server sees.
   */
  static final int OVERSUBSCRIBED_WARMUP_ITERATIONS = 15;
  /** The 1- and 2-thread scaling methods, from whose ratio the 2-thread target is read. */
  private static final String CORE_SCALING = "ScalingBenchmark\\.\\w+_[12]threads$";
  /**
   * Forks of the {@link #CORE_SCALING} methods, at least. A fork's JIT and memory layout are its
   * own, and one fork's throughput can differ from the next by a tenth or more (pkce4j's S256 at
   * 2 threads, JDK 17: 17.8–18.9, 19.3–19.4 and 19.5–20.4 ops/µs in three forks), so with one
   * fork on each side of the ratio a 2.0× scaling can come out on either side of 1.8× (S256 on
   * JDK 17: 1.78× in one fork, 2.01× from the means of three). Every implementation's 1- and
   * 2-thread methods get the same forks, so the peers are measured as pkce4j is.
   */
  static final int CORE_SCALING_FORKS = 3;

  private RunAndReport() {}

  /** The JMH settings of one mode, also printed as the equivalent command line. */
  enum Settings {
    QUICK(1, 3, 1, 5, 1, 3),
    FULL(3, 5, 2, 10, 2, 5);

    final int forks;
    final int warmupIterations;
    final int warmupSeconds;
    final int iterations;
    final int seconds;
    final int auditIterations;

    Settings(int forks, int warmupIterations, int warmupSeconds, int iterations, int seconds,
        int auditIterations) {
      this.auditIterations = auditIterations;
      this.forks = forks;
      this.warmupIterations = warmupIterations;
      this.warmupSeconds = warmupSeconds;
      this.iterations = iterations;
      this.seconds = seconds;
    }

    String jmhArguments() {
      return "-f " + forks + " -wi " + warmupIterations + " -w " + warmupSeconds + "s -i "
          + iterations + " -r " + seconds + "s -prof gc";
    }
  }

  public static void main(String[] args)
      throws RunnerException, IOException, java.security.NoSuchAlgorithmException {
    if (args.length < 2 || !(args[0].equals("quick") || args[0].equals("full"))) {
      System.err.println("usage: RunAndReport quick|full OUT_DIR [INCLUDE_REGEX...]");
      System.exit(2);
    }
    Settings settings = Settings.valueOf(args[0].toUpperCase(Locale.ROOT));
    Path outDir = Paths.get(args[1]);
    List<String> includes = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      includes.add(args[i]);
    }
    // A run of a subset writes results-jdk<N>-partial.md, so it never overwrites the full table.
    String suffix = includes.isEmpty() ? "" : "-partial";
    if (includes.isEmpty()) {
      includes.add("io\\.github\\.pkce4j\\.benchmarks\\.(S256|Verify|Scaling|Generate)Benchmark\\..*");
      includes.add(VIRTUAL);
      includes.add(AUDIT);
    }
    if (!VirtualThreadBenchmark.available()) {
      // Compiled on 17, run only where virtual threads exist (JDK 21+).
      if (includes.removeIf(include -> include.contains("VirtualThread"))) {
        System.out.println("Skipping VirtualThreadBenchmark: virtual threads need JDK 21+, this"
            + " is " + Runtime.version());
      }
    }
    Files.createDirectories(outDir);
    String jdk = "jdk" + Runtime.version().feature() + suffix;
    String loadBefore = loadAverage();
    Path json = outDir.resolve("results-" + jdk + ".json");
    ChainedOptionsBuilder options = jmh(settings, settings.forks, settings.warmupIterations, json);
    List<String> microIncludes = new ArrayList<>(includes);
    // The audit runs with its own single-shot settings whenever it is asked for.
    boolean audit = microIncludes.removeIf(include -> include.contains("Audit"));
    List<RunResult> results = new ArrayList<>();
    if (!microIncludes.isEmpty()) {
      for (String include : microIncludes) {
        options.include(include);
      }
      boolean moreForks = settings.forks < CORE_SCALING_FORKS;
      if (moreForks) {
        options.exclude(CORE_SCALING);
      }
      results.addAll(runOrNone(options.exclude(OVERSUBSCRIBED)));
      if (moreForks) {
        ChainedOptionsBuilder scaling = jmh(settings, CORE_SCALING_FORKS,
            settings.warmupIterations, outDir.resolve("results-" + jdk + "-scaling.json"))
            .exclude("^(?!.*" + CORE_SCALING + ")");
        for (String include : microIncludes) {
          scaling.include(include);
        }
        results.addAll(runOrNone(scaling));
      }
      ChainedOptionsBuilder oversubscribed = jmh(settings, settings.forks,
          OVERSUBSCRIBED_WARMUP_ITERATIONS, outDir.resolve("results-" + jdk + "-64threads.json"))
          // Of what was asked for, only the oversubscribed methods (JMH drops what an exclude
          // finds, so this one finds every name that does not end in _64threads).
          .exclude("^(?!.*" + OVERSUBSCRIBED + ")");
      for (String include : microIncludes) {
        oversubscribed.include(include);
      }
      results.addAll(runOrNone(oversubscribed));
    }
    if (audit) {
      // One audit of 10,000+ files takes seconds: single shots, fewer of them.
      results.addAll(new Runner(new OptionsBuilder()
          .include(AUDIT)
          .forks(1)
          .warmupIterations(1)
          .measurementIterations(settings.auditIterations)
          .addProfiler(GCProfiler.class)
          .resultFormat(ResultFormatType.JSON)
          .result(outDir.resolve("results-" + jdk + "-audit.json").toString())
          .build()).run());
    }

    StringBuilder command = new StringBuilder();
    if (!microIncludes.isEmpty()) {
      command.append("java -jar benchmarks/target/benchmarks.jar ")
          .append(settings.jmhArguments()).append(" -rf json");
      for (String include : microIncludes) {
        command.append(" '").append(include).append('\'');
      }
      command.append(" -e '").append(OVERSUBSCRIBED).append('\'');
      if (settings.forks < CORE_SCALING_FORKS) {
        command.append(" -e '").append(CORE_SCALING).append("'`; for the 1- and 2-thread")
            .append(" scaling methods among those, the same with `-f ").append(CORE_SCALING_FORKS)
            .append(" -e '^(?!.*").append(CORE_SCALING).append(")'");
      }
      command.append("`; for the 64-thread methods among those, the same with `-wi ")
          .append(OVERSUBSCRIBED_WARMUP_ITERATIONS)
          .append(" -e '^(?!.*").append(OVERSUBSCRIBED).append(")'");
    }
    if (audit) {
      command.append(command.length() == 0 ? "" : "` and `")
          .append("java -jar benchmarks/target/benchmarks.jar -f 1 -wi 1 -i ")
          .append(settings.auditIterations).append(" -prof gc -rf json 'AuditBenchmark'");
    }
    // The paired ratios are single-thread S256 and verification: measured when those run.
    boolean pairs = suffix.isEmpty()
        || includes.stream().anyMatch(i -> i.contains("S256") || i.contains("Verify"));
    Map<String, double[]> paired = new java.util.LinkedHashMap<>();
    if (pairs) {
      System.out.println("Measuring paired ratios (about a minute)...");
      paired = PairedRatios.measureAll();
    }
    String load = "1, 5, 15 min: " + loadBefore + " at the start, " + loadAverage() + " at the end"
        + " (" + Runtime.getRuntime().availableProcessors() + " cores; above that, other"
        + " processes competed for the CPUs)";
    String markdown = new Report(results, paired, LocalDate.now(ZoneOffset.UTC),
        command.toString(), load).markdown();
    Path table = outDir.resolve("results-" + jdk + ".md");
    Files.write(table, markdown.getBytes(StandardCharsets.UTF_8));
    System.out.println();
    System.out.println(markdown);
    System.out.println("Wrote " + table + " and " + json);
  }

  /** JMH options: the mode's iteration times, the GC profiler, JSON results to {@code json}. */
  private static ChainedOptionsBuilder jmh(Settings settings, int forks, int warmupIterations,
      Path json) {
    return new OptionsBuilder()
        .forks(forks)
        .warmupIterations(warmupIterations)
        .warmupTime(TimeValue.seconds(settings.warmupSeconds))
        .measurementIterations(settings.iterations)
        .measurementTime(TimeValue.seconds(settings.seconds))
        .addProfiler(GCProfiler.class)
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString());
  }

  /** Runs what the options select; nothing when they select nothing (e.g. no 64-thread method). */
  private static java.util.Collection<RunResult> runOrNone(ChainedOptionsBuilder options)
      throws RunnerException {
    try {
      return new Runner(options.build()).run();
    } catch (NoBenchmarksException e) {
      return java.util.Collections.emptyList();
    }
  }

  /** The first three fields of /proc/loadavg, or "n/a" where there is none. */
  static String loadAverage() {
    try {
      String[] fields = new String(Files.readAllBytes(Paths.get("/proc/loadavg")),
          StandardCharsets.US_ASCII).trim().split(" ");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
  }
}
