package io.github.pkce4j.policy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding example of pkce-policy/README.md, kept compiling and true. */
class ReadmeExampleTest {
  @TempDir Path tmp;

  /** The README's code, with its two paths as parameters. */
  static void gate(Path forceApp, Path sarifFile) throws IOException {
    Report report = PkceAudit.defaults().scan(forceApp);
    for (Finding f : report.findings()) {
      if (f.status() == Status.FAIL) {
        System.out.printf("%s %s %s:%d %s%n",
            f.severity().id(), f.app(), f.file(), f.line(), f.message());
      }
    }
    try (Writer w = Files.newBufferedWriter(sarifFile, UTF_8)) {
      ReportFormat.SARIF.write(report, w);
    }
    if (report.hasErrors() || report.hasFailuresAtOrAbove(Severity.HIGH)) {
      throw new IllegalStateException(report.summary());
    }
  }

  @Test
  void example_failsTheBuildOnAFailingApp() {
    Path sarif = tmp.resolve("pkce.sarif");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> gate(Fixtures.dir("ca-not-required"), sarif));
    assertTrue(e.getMessage().startsWith("pkce audit: 1 app: 1 fail (1 critical)"),
        e.getMessage());
    assertTrue(Files.exists(sarif));
  }

  @Test
  void example_passesWhenEveryAppRequiresPkce() throws IOException {
    gate(Fixtures.dir("ca-required"), tmp.resolve("pkce.sarif"));
    assertEquals("2.1.0", new String(Files.readAllBytes(tmp.resolve("pkce.sarif")), UTF_8)
        .replaceAll("(?s).*\"version\": \"(2\\.1\\.0)\".*", "$1"));
  }
}
