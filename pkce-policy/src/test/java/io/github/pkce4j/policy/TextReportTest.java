package io.github.pkce4j.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextReportTest {
  @TempDir Path tmp;

  private static String text(Report report, boolean colour) throws IOException {
    StringBuilder out = new StringBuilder();
    ReportFormat.TEXT.write(report, out, colour);
    return out.toString();
  }

  @Test
  void oneTableLinePerApp_thenDetails_thenSummary() throws IOException {
    Report report = ReportSamples.mixed(tmp);
    List<String> lines = Arrays.asList(text(report, false).split("\n"));
    assertTrue(lines.get(0).startsWith("STATUS"), lines.get(0));
    for (int i = 0; i < report.findings().size(); i++) {
      Finding f = report.findings().get(i);
      String row = lines.get(i + 1);
      assertTrue(row.endsWith(f.file() + ":" + f.line()), row);
      assertTrue(row.contains(" " + f.app() + " "), row);
      assertTrue(row.contains(f.control().ruleId()), row);
    }
    assertTrue(lines.contains("Details"));
    assertTrue(lines.contains("Not read"));
    // ca-absent-field, loopback and the zip's Api_Client fail critical, eca-complete high.
    assertEquals("pkce audit: 8 apps: 4 fail (3 critical, 1 high), 2 pass, 1 not evaluable"
        + " (could not be checked), 1 not applicable; 14 files read, 1 error (the audit is incomplete)",
        lines.get(lines.size() - 1));
  }

  @Test
  void rows_showStatusSeverityScoreAndProfile() throws IOException {
    String out = text(Fixtures.scan("loopback"), false);
    String row = out.split("\n")[1];
    assertEquals(Arrays.asList("FAIL", "SF-CA-PKCE", "critical", "10.0", "public",
        "Desktop_Tool", "loopback/connectedApps/Desktop_Tool.connectedApp-meta.xml:9"),
        Arrays.asList(row.trim().split("\\s+")));
    assertTrue(out.contains("  Fix:      In Setup > App Manager"), out);
    assertTrue(out.contains("  Severity: critical, CVSS 9.0-10.0; placed at 10.0 for a public"
        + " client"), out);
  }

  @Test
  void passingApp_noDetails_scoreDash() throws IOException {
    String out = text(Fixtures.scan("ca-required"), false);
    assertFalse(out.contains("Details"), out);
    assertTrue(out.split("\n")[1].matches("PASS\\s+SF-CA-PKCE\\s+critical\\s+-\\s+.*"), out);
    assertTrue(out.endsWith("pkce audit: 1 app: 0 fail, 1 pass, 0 not evaluable (could not be"
        + " checked), 0 not applicable; 1 file read, 0 errors\n"), out);
  }

  @Test
  void colour_onlyWhenAsked() throws IOException {
    Report report = Fixtures.scan("ca-not-required");
    assertFalse(text(report, false).contains("\u001b"));
    assertTrue(text(report, true).contains("\u001b[31mFAIL"));
  }

  @Test
  void nothingFound_isAnErrorNamingTheInput_soAGateCannotPassOnIt() throws IOException {
    Report report = PkceAudit.builder().workingDirectory(tmp).build().scan(tmp);
    assertEquals("\nNot read\nERROR  .: no Connected App or External Client App metadata found (no"
        + " *.connectedApp or *.eca* files), so nothing here was checked\n\n"
        + "pkce audit: 0 apps: 0 fail, 0 pass, 0 not evaluable (could not be checked),"
        + " 0 not applicable; 0 files read, 1 error (the audit is incomplete)\n",
        text(report, false));
  }
}
