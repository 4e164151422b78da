package io.github.pkce4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditCommandTest {
  private static final String NS = "http://soap.sforce.com/2006/04/metadata";

  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return PkceCommand.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  private static String connectedApp(String pkce) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ConnectedApp xmlns=\"" + NS + "\">\n"
        + "    <label>App</label>\n    <oauthConfig>\n"
        + "        <callbackUrl>https://app.example.com/cb</callbackUrl>\n"
        + "        <isPkceRequired>" + pkce + "</isPkceRequired>\n"
        + "    </oauthConfig>\n</ConnectedApp>\n";
  }

  /** An SFDX project folder with one connected app. */
  private String project(String name, String pkce) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name + "/main/default/connectedApps"));
    Files.write(dir.resolve("App.connectedApp-meta.xml"), connectedApp(pkce).getBytes(UTF_8));
    return tmp.resolve(name).toString();
  }

  /** An External Client App whose global OAuth settings do not require PKCE (high severity). */
  private String failingEca() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("eca/extlClntAppGlobalOauthSets"));
    Files.write(dir.resolve("Eca_glbloauth.ecaGlblOauth-meta.xml"), ("<?xml version=\"1.0\"?>\n"
        + "<ExtlClntAppGlobalOauthSettings xmlns=\"" + NS + "\">\n"
        + "  <externalClientApplication>Eca</externalClientApplication>\n"
        + "  <isPkceRequired>false</isPkceRequired>\n"
        + "</ExtlClntAppGlobalOauthSettings>\n").getBytes(UTF_8));
    return tmp.resolve("eca").toString();
  }

  @Test
  void failingApp_exit1_tableOnStdout_noColour() throws IOException {
    int code = run("audit", project("force-app", "false"));

    assertEquals(1, code, err.toString());
    String text = out.toString();
    assertTrue(text.startsWith("STATUS"), text);
    assertTrue(text.contains("FAIL          SF-CA-PKCE  critical"), text);
    assertTrue(text.contains("App.connectedApp-meta.xml:6"), text);
    assertTrue(text.contains("pkce audit: 1 app: 1 fail (1 critical), 0 pass"), text);
    assertFalse(text.contains("\u001b"), "no colour when stdout is not a terminal");
    assertEquals("", err.toString());
  }

  @Test
  void passingApp_exit0() throws IOException {
    assertEquals(0, run("audit", project("force-app", "true")), err.toString());
    assertTrue(out.toString().contains("PASS"));
  }

  @ParameterizedTest
  @CsvSource({
      "any, 1",
      "high, 1",
      "critical, 0",
      "none, 0",
      "HIGH, 1",
  })
  void failOn_thresholdAgainstAHighFailure(String failOn, int expected) throws IOException {
    assertEquals(expected, run("audit", "--fail-on", failOn, failingEca()), err.toString());
  }

  @Test
  void failOnNone_criticalFailure_exit0() throws IOException {
    assertEquals(0, run("audit", "--fail-on", "none", project("force-app", "false")));
  }

  @Test
  void unreadableInput_exit2_otherInputsStillReported() throws IOException {
    String good = project("force-app", "false");
    int code = run("audit", tmp.resolve("missing").toString(), good);

    assertEquals(2, code);
    assertTrue(out.toString().contains("FAIL"), "the readable input is still reported");
    assertTrue(out.toString().contains("1 error (the audit is incomplete)"), out.toString());
    assertTrue(err.toString().contains("missing: no such file or directory"), err.toString());
  }

  @Test
  void hostileXml_exit2_clearMessage_noStackTrace() throws IOException {
    Path canary = Files.write(tmp.resolve("canary.txt"), "CANARY-4711".getBytes(UTF_8));
    Path dir = Files.createDirectories(tmp.resolve("evil/connectedApps"));
    Files.write(dir.resolve("X.connectedApp-meta.xml"), ("<?xml version=\"1.0\"?>\n"
        + "<!DOCTYPE ConnectedApp [<!ENTITY e SYSTEM \"" + canary.toUri() + "\">]>\n"
        + "<ConnectedApp xmlns=\"" + NS + "\"><label>&e;</label></ConnectedApp>\n")
        .getBytes(UTF_8));

    int code = run("audit", "--format", "json", tmp.resolve("evil").toString());

    assertEquals(2, code);
    assertTrue(err.toString().contains("X.connectedApp-meta.xml:2: a DOCTYPE declaration is not"
        + " allowed"), err.toString());
    assertFalse(err.toString().contains("\tat "), "no stack trace");
    assertFalse((out.toString() + err).contains("CANARY-4711"));
  }

  @Test
  void json_toStdout() throws IOException {
    assertEquals(1, run("audit", "--format", "json", project("force-app", "false")));
    String json = out.toString();
    assertTrue(json.startsWith("{\n  \"formatVersion\": 1,"), json);
    assertTrue(json.contains("\"status\": \"fail\""), json);
  }

  @Test
  void sarif_toOutputFile_statusOnStderrStdoutEmpty() throws IOException {
    Path sarif = tmp.resolve("pkce.sarif");
    int code = run("audit", "--format", "sarif", "--output", sarif.toString(),
        project("force-app", "false"));

    assertEquals(1, code);
    String written = new String(Files.readAllBytes(sarif), UTF_8);
    assertTrue(written.contains("\"version\": \"2.1.0\""), written);
    assertTrue(written.contains("\"ruleId\": \"SF-CA-PKCE\""), written);
    assertEquals("pkce audit: wrote the sarif report to " + sarif + "\n"
        + "pkce audit: 1 app: 1 fail (1 critical), 0 pass, 0 not evaluable (could not be checked),"
        + " 0 not applicable; 1 file read, 0 errors\n", err.toString().replace("\r\n", "\n"));
    assertEquals("", out.toString());
  }

  @Test
  void outputInMissingFolder_exit2() throws IOException {
    int code = run("audit", "--output", tmp.resolve("no/such/dir/r.txt").toString(),
        project("force-app", "true"));
    assertEquals(2, code);
    assertEquals("pkce audit: cannot write the report to " + tmp.resolve("no/such/dir/r.txt")
        + "; the folder " + tmp.resolve("no/such/dir") + " does not exist", err.toString().trim());
  }

  @Test
  void outputIsAFolder_exit2NamingTheFileAndTheReason() throws IOException {
    assumeTrue(java.io.File.separatorChar == '/', "the reason is the Unix strerror text");
    Path folder = Files.createDirectories(tmp.resolve("reports"));
    int code = run("audit", "--output", folder.toString(), project("force-app", "true"));
    assertEquals(2, code);
    assertEquals("pkce audit: cannot write the report to " + folder + "; Is a directory",
        err.toString().trim());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "--format  | xml    | unknown report format 'xml'; expected text, json, sarif or csv",
      "--fail-on | medium | unknown --fail-on value 'medium'; expected critical, high, any, none or rule ids such as SF-CA-PKCE",
  })
  void badOption_exit2(String option, String value, String message) throws IOException {
    assertEquals(2, run("audit", option, value, project("force-app", "true")));
    assertEquals("pkce audit: " + message, err.toString().trim());
  }

  @Test
  void noPath_exit2_usageHint() {
    assertEquals(2, run("audit"));
    assertEquals("pkce audit: PATH or --target-org ALIAS is required; run 'pkce audit --help' for the options",
        err.toString().trim());
  }

  /** An External Client App header without its global OAuth settings: not evaluable. */
  private String unevaluableEca() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("eca-header/externalClientApps"));
    Files.write(dir.resolve("Header_Only.eca-meta.xml"), ("<?xml version=\"1.0\"?>\n"
        + "<ExternalClientApplication xmlns=\"" + NS + "\"><label>H</label>"
        + "</ExternalClientApplication>\n").getBytes(UTF_8));
    return tmp.resolve("eca-header").toString();
  }

  @Test
  void notEvaluable_exit0ByDefault_exit1WithFailOnNotEvaluable() throws IOException {
    assertEquals(0, run("audit", unevaluableEca()), err.toString());
    assertTrue(out.toString().contains("1 not evaluable (could not be checked)"), out.toString());
    assertEquals(1, run("audit", "--fail-on-not-evaluable", unevaluableEca()), err.toString());
    assertEquals(1, run("audit", "--fail-on", "none", "--fail-on-not-evaluable",
        unevaluableEca()), "the not-evaluable gate is independent of the severity gate");
  }

  @Test
  void noAppMetadataInAnInput_exit2_namingTheInput() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("wrong-folder/src"));
    Files.write(empty.resolve("Readme.md"), "not metadata".getBytes(UTF_8));

    int code = run("audit", empty.getParent().toString());

    assertEquals(2, code, out.toString());
    assertEquals("pkce audit: " + empty.getParent() + ": no Connected App or External Client App"
        + " metadata found (no *.connectedApp or *.eca* files), so nothing here was checked",
        err.toString().trim());
  }

  @Test
  void hostileFileName_stderrCarriesNoControlCharacters() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("evil/connectedApps"));
    Files.write(dir.resolve("\u001b]0;PWNED\u0007X\rOK.connectedApp-meta.xml"),
        "<not-xml".getBytes(UTF_8));

    assertEquals(2, run("audit", tmp.resolve("evil").toString()));

    String all = out.toString() + err;
    assertFalse(all.contains("\u001b") || all.contains("\u0007") || all.contains("\r"), all);
    assertTrue(err.toString().contains("?]0;PWNED?X?OK.connectedApp-meta.xml"), err.toString());
  }

  /**
   * The review's two bomb shapes (finding 2), each audited by a fresh JVM with a 64 MiB heap: the
   * 16 KB zip whose central directory lies about the compressed size is refused, and its plain
   * 16 MiB twin with millions of callback lines gives a small report; neither exits 1.
   */
  @Test
  void reviewsBombs_underA64MiBHeap_handled_neverExit1() throws Exception {
    byte[] doc = millionCallbacks();
    Path zip = tmp.resolve("lying.zip");
    Files.write(zip, lyingZip("unpackaged/connectedApps/Bomb.connectedApp", doc));
    Path dir = Files.createDirectories(tmp.resolve("twin/connectedApps"));
    Files.write(dir.resolve("Bomb.connectedApp-meta.xml"), doc);

    Forked lying = auditInAForkedJvm("-Xmx64m", zip.toString());
    assertEquals(2, lying.code, lying.err);
    assertTrue(lying.err.contains("expands more than 100 times the compressed bytes it was read"
        + " from (zip bomb?); not read"), lying.err);

    Forked twin = auditInAForkedJvm("-Xmx64m", tmp.resolve("twin").toString());
    assertEquals(1, twin.code, twin.err);
    assertTrue(twin.out.contains("more public-client signals like these"), twin.out);
    assertTrue(twin.out.length() < 16 * 1024, twin.out.length() + " chars of report");
  }

  @Test
  void outOfMemory_exit2_notTheExit1OfAFailingApp() throws Exception {
    // 8 MiB of heap cannot hold a 16 MiB metadata file: the audit itself fails.
    Path dir = Files.createDirectories(tmp.resolve("big/connectedApps"));
    Files.write(dir.resolve("Bomb.connectedApp-meta.xml"), millionCallbacks());

    Forked small = auditInAForkedJvm("-Xmx8m", tmp.resolve("big").toString());

    assertEquals(2, small.code, small.out + small.err);
    assertTrue(small.err.contains("pkce audit: out of memory; the audit did not finish"),
        small.err);
  }

  private static final class Forked {
    int code;
    String out;
    String err;
  }

  /** Runs {@code pkce audit PATH} in a new JVM on this test's class path. */
  private Forked auditInAForkedJvm(String heap, String path) throws Exception {
    Path stdout = tmp.resolve("fork-" + heap + ".out");
    Path stderr = tmp.resolve("fork-" + heap + ".err");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, heap, "-cp", System.getProperty("java.class.path"),
        PkceCommand.class.getName(), "audit", path)
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the forked audit did not end");
    Forked f = new Forked();
    f.code = p.exitValue();
    f.out = new String(Files.readAllBytes(stdout), UTF_8);
    f.err = new String(Files.readAllBytes(stderr), UTF_8);
    return f;
  }

  /** The review's zip: one entry of {@code doc}; its central directory claims 200x the size. */
  private static byte[] lyingZip(String entryName, byte[] doc) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(buf)) {
      z.setLevel(Deflater.BEST_COMPRESSION);
      z.putNextEntry(new ZipEntry(entryName));
      z.write(doc);
    }
    byte[] data = buf.toByteArray();
    for (int i = data.length - 4; i >= 0; i--) {
      if (data[i] == 'P' && data[i + 1] == 'K' && data[i + 2] == 1 && data[i + 3] == 2) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(i + 20, b.getInt(i + 20) * 200);
        break;
      }
    }
    return data;
  }

  /** The review's 16 MiB ConnectedApp: millions of one-line custom-scheme callbacks "a:". */
  private static byte[] millionCallbacks() {
    String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ConnectedApp xmlns=\"" + NS
        + "\">\n<label>A</label>\n<oauthConfig>\n<callbackUrl>";
    String tail = "</callbackUrl>\n<isPkceRequired>false</isPkceRequired>\n</oauthConfig>\n"
        + "</ConnectedApp>\n";
    ByteArrayOutputStream doc = new ByteArrayOutputStream(16 * 1024 * 1024);
    doc.write(head.getBytes(UTF_8), 0, head.length());
    byte[] line = {'a', ':', '\n'};
    for (int i = (16 * 1024 * 1024 - head.length() - tail.length()) / 3; i > 0; i--) {
      doc.write(line, 0, 3);
    }
    doc.write(tail.getBytes(UTF_8), 0, tail.length());
    return doc.toByteArray();
  }

  @Test
  void help_exit0_documentsExitCodes() {
    assertEquals(0, run("audit", "--help"));
    assertTrue(out.toString().contains("--fail-on=critical|high|any|none"), out.toString());
    assertTrue(out.toString().contains("Exit 0 when nothing fails at or above --fail-on"),
        out.toString());
  }
}
