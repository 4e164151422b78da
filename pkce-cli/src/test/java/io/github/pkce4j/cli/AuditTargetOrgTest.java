package io.github.pkce4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pkce audit --target-org} against a fake {@code sf}: in-process with the {@code
 * pkce4j.sf} property naming it, and end to end in a forked CLI whose PATH holds it (or not).
 */
class AuditTargetOrgTest {
  @TempDir Path tmp;
  private FakeSf sf;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void install() throws IOException {
    assumeTrue(FakeSf.posixShellAvailable(), "the fake sf is a POSIX shell script");
    sf = FakeSf.install(Files.createDirectory(tmp.resolve("bin")));
    System.setProperty(AuditCommand.SF_PROPERTY, sf.executable.toString());
  }

  @AfterEach
  void clear() {
    System.clearProperty(AuditCommand.SF_PROPERTY);
  }

  private int run(String... args) {
    return PkceCommand.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  @Test
  void orgWithUsage_exit1_failingAppInUseListed_tempDirGone() throws IOException {
    int code = run("audit", "--target-org", "my-org");
    assertEquals(1, code, err.toString());
    String text = out.toString();
    assertTrue(text.contains("FAIL          SF-CA-PKCE  critical"), text);
    assertTrue(text.contains("What requiring these controls would break"), text);
    assertTrue(text.contains("IN USE  Legacy_Integration"), text);
    assertTrue(text.contains("in use: 1 token, 12 uses, last used 2026-11-30T09:15:00.000+0000"),
        text);
    assertTrue(sf.leftNothing(), "the retrieve folder is deleted");
  }

  @Test
  void unauthorisedOrg_exit2_oneLineSayingWhatToRun() throws IOException {
    assertEquals(2, run("audit", "--target-org", "unauthorised"));
    assertEquals("pkce audit: the org 'unauthorised' is not authorised in the Salesforce CLI"
        + " (NamedOrgNotFoundError); run sf org login web --alias unauthorised\n",
        err.toString().replace(System.lineSeparator(), "\n"));
    assertEquals("", out.toString());
    assertTrue(sf.leftNothing());
  }

  @Test
  void failedRetrieve_exit2_namingSfsError() throws IOException {
    assertEquals(2, run("audit", "--target-org", "retrieve-fails"));
    assertEquals("pkce audit: sf project retrieve start failed: MetadataTransferError: Metadata"
        + " API request failed", err.toString().trim());
    assertTrue(sf.leftNothing());
  }

  @Test
  void failOnRuleIds_exitDependsOnlyOnThoseRules() {
    // The org blocks the username-password flow but not the user-agent flow.
    assertEquals(0, run("audit", "--target-org", "my-org", "--controls", "org-flows",
        "--fail-on", "SF-ORG-UNPW-FLOW"), err.toString());
    assertEquals(1, run("audit", "--target-org", "my-org", "--controls", "org-flows",
        "--fail-on", "sf-org-unpw-flow,SF-ORG-USER-AGENT-FLOW"), err.toString());
  }

  @Test
  void failOnARuleNotEvaluated_exit2_namingItsGroup() {
    assertEquals(2, run("audit", "--target-org", "my-org", "--fail-on", "SF-ORG-UNPW-FLOW"));
    assertEquals("pkce audit: --fail-on names SF-ORG-UNPW-FLOW, which --controls pkce does not"
        + " evaluate; add its group, org-flows", err.toString().trim());
  }

  @Test
  void pathAndTargetOrg_exit2() throws IOException {
    assertEquals(2, run("audit", "--target-org", "my-org", tmp.toString()));
    assertEquals("pkce audit: give PATH or --target-org, not both; run 'pkce audit --help' for"
        + " the options", err.toString().trim());
  }

  @Test
  void unknownControlGroup_exit2() {
    assertEquals(2, run("audit", "--target-org", "my-org", "--controls", "pkce,secrets"));
    assertTrue(err.toString().startsWith("pkce audit: unknown control group 'secrets'"),
        err.toString());
  }

  @Test
  void plantedSecret_inNoOutputFormat_andNowhereOnDisk() throws IOException {
    StringBuilder printed = new StringBuilder();
    for (String format : new String[] {"text", "json", "sarif", "csv"}) {
      Path report = tmp.resolve("report." + format);
      run("audit", "--target-org", "my-org", "--controls", "all", "--format", format,
          "--output", report.toString());
      printed.append(new String(Files.readAllBytes(report), UTF_8));
      run("audit", "--target-org", "my-org", "--controls", "all", "--format", format);
    }
    printed.append(out).append(err);
    assertTrue(printed.toString().contains("Legacy_Integration"), "the reports were written");
    assertFalse(printed.toString().contains(FakeSf.PLANTED_SECRET), "the secret was reported");
    assertFalse(printed.toString().contains("PLANTED-KEY-CLI"), "the consumer key was reported");
    assertTrue(sf.leftNothing(), "a retrieve folder is left");
    try (Stream<Path> files = Files.walk(tmp)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        if (!p.startsWith(sf.dir.resolve("org"))) {
          String s = new String(Files.readAllBytes(p), UTF_8);
          assertFalse(s.contains(FakeSf.PLANTED_SECRET), p + " holds the secret");
        }
      }
    }
  }

  /** Runs the CLI in its own JVM with {@code path} as its PATH. */
  private static Forked fork(String path, String... args) throws Exception {
    List<String> command = new ArrayList<>(Arrays.asList(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), PkceCommand.class.getName()));
    command.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PATH", path);
    Process p = pb.start();
    p.getOutputStream().close();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Thread errReader = new Thread(() -> copy(p.getErrorStream(), stderr));
    errReader.start();
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    copy(p.getInputStream(), stdout);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the forked CLI finished");
    errReader.join();
    return new Forked(p.exitValue(), stdout.toString("UTF-8"), stderr.toString("UTF-8"));
  }

  private static void copy(InputStream in, ByteArrayOutputStream to) {
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        to.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static final class Forked {
    final int code;
    final String out;
    final String err;

    Forked(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }
  }

  @Test
  void endToEnd_sfFromThePath() throws Exception {
    Forked r = fork(sf.dir + ":/usr/bin:/bin", "audit", "--target-org", "my-org");
    assertEquals(1, r.code, r.err);
    assertTrue(r.out.contains("IN USE  Legacy_Integration"), r.out);
    assertTrue(sf.leftNothing());
  }

  @Test
  void endToEnd_noSfOnThePath_exit2_sayingWhatToInstall() throws Exception {
    Path empty = Files.createDirectory(tmp.resolve("empty"));
    Forked r = fork(empty.toString(), "audit", "--target-org", "my-org");
    assertEquals(2, r.code, r.err);
    assertEquals("pkce audit: the Salesforce CLI (sf) is not on the PATH; install the Salesforce"
        + " CLI (https://developer.salesforce.com/tools/salesforcecli) and log in with sf org"
        + " login web --alias ALIAS", r.err.trim());
    assertEquals("", r.out);
  }
}
