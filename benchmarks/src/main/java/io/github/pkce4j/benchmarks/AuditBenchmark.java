package io.github.pkce4j.benchmarks;

import io.github.pkce4j.cli.PkceCommand;
import io.github.pkce4j.policy.PkceAudit;
import io.github.pkce4j.policy.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code pkce audit} over a generated SFDX project of Connected App and External Client App files
 * ({@link AuditCorpus}), at two corpus sizes: time per file should not grow with the number of
 * files. The corpus is written to a temporary directory for the trial and deleted afterwards.
 *
 * <p>{@code cli} is the whole {@code pkce audit --format sarif --fail-on none} command, parsing,
 * joining, evaluation and SARIF rendering included, writing to a sink. One audit takes seconds,
 * so each measurement is a single shot; {@link RunAndReport} runs this class with its own
 * iteration counts. Setup checks through {@link PkceAudit#scan} that every file was read.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class AuditBenchmark {
  @Param({"10000", "20000"})
  public int files;

  private Path corpus;
  private final PkceAudit audit = PkceAudit.builder().build();
  private final PrintWriter sink = new PrintWriter(Writer.nullWriter());

  @Setup
  public void setUp() throws IOException {
    corpus = Files.createTempDirectory("pkce4j-audit-bench");
    int written = AuditCorpus.write(corpus, files, 6749);
    Report report = audit.scan(corpus);
    Checks.isTrue(report.files().size() == written && !report.hasErrors(),
        "audit read " + report.files().size() + " of " + written + " files, errors: "
            + report.errors().size());
    Checks.isTrue(!report.findings().isEmpty(), "audit found nothing");
    int exit = PkceCommand.run(sink, sink, "audit", "--format", "sarif", "--fail-on", "none",
        corpus.toString());
    Checks.isTrue(exit == 0, "pkce audit exited " + exit);
  }

  @TearDown
  public void tearDown() throws IOException {
    AuditCorpus.delete(corpus);
  }

  @Benchmark
  public int cli() {
    return PkceCommand.run(sink, sink, "audit", "--format", "sarif", "--fail-on", "none",
        corpus.toString());
  }
}
