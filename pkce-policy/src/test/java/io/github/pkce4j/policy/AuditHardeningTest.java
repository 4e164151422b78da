package io.github.pkce4j.policy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security review's findings on {@code pkce audit} (2: zip bomb and unbounded evidence, 3:
 * terminal injection, 10: foreign namespace and duplicates, 13: SARIF location under a folder
 * ending in {@code !}) and the details users noticed, each pinned by the rule it breaks.
 */
class AuditHardeningTest {
  static final String NS = "http://soap.sforce.com/2006/04/metadata";

  @TempDir Path tmp;

  /** A ConnectedApp whose oauthConfig holds {@code oauth} after a callback, with {@code label}. */
  static String app(String label, String oauth) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<ConnectedApp xmlns=\"" + NS + "\">\n"
        + "<label>" + label + "</label>\n"
        + "<oauthConfig>\n"
        + "<callbackUrl>https://e.example/cb</callbackUrl>\n"
        + oauth + "\n"
        + "</oauthConfig>\n"
        + "</ConnectedApp>\n";
  }

  private Path write(String relative, String content) throws IOException {
    Path file = tmp.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.write(file, content.getBytes(UTF_8));
  }

  private Report scan(Path... inputs) {
    return PkceAudit.builder().workingDirectory(tmp).build().scan(inputs);
  }

  private static String text(Report report, boolean colour) throws IOException {
    StringBuilder out = new StringBuilder();
    ReportFormat.TEXT.write(report, out, colour);
    return out.toString();
  }

  /** The review's zip: one entry of {@code doc}, its central directory claiming 200x the size. */
  static byte[] lyingZip(String entryName, byte[] doc) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(buf)) {
      z.setLevel(Deflater.BEST_COMPRESSION);
      z.putNextEntry(new ZipEntry(entryName));
      z.write(doc);
    }
    byte[] data = buf.toByteArray();
    int cen = -1;
    for (int i = data.length - 4; i >= 0; i--) {
      if (data[i] == 'P' && data[i + 1] == 'K' && data[i + 2] == 1 && data[i + 3] == 2) {
        cen = i;
        break;
      }
    }
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(cen + 20, b.getInt(cen + 20) * 200);
    return data;
  }

  /** The review's 16 MiB ConnectedApp: millions of one-line custom-scheme callbacks "a:". */
  static byte[] millionCallbacks() {
    String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ConnectedApp xmlns=\"" + NS
        + "\">\n<label>A</label>\n<oauthConfig>\n<callbackUrl>";
    String tail = "</callbackUrl>\n<isPkceRequired>false</isPkceRequired>\n</oauthConfig>\n"
        + "</ConnectedApp>\n";
    int lines = (16 * 1024 * 1024 - head.length() - tail.length()) / 3;
    byte[] doc = new byte[head.length() + lines * 3 + tail.length()];
    byte[] h = head.getBytes(UTF_8);
    System.arraycopy(h, 0, doc, 0, h.length);
    for (int i = 0; i < lines; i++) {
      doc[h.length + i * 3] = 'a';
      doc[h.length + i * 3 + 1] = ':';
      doc[h.length + i * 3 + 2] = '\n';
    }
    byte[] t = tail.getBytes(UTF_8);
    System.arraycopy(t, 0, doc, h.length + lines * 3, t.length);
    return doc;
  }

  // 1. Zip bomb and unbounded evidence (review finding 2)

  @Test
  void zipBomb_ratioJudgedOnCompressedBytesReallyRead_notOnTheDeclaredSize() throws IOException {
    Path zip = Files.write(tmp.resolve("lying.zip"),
        lyingZip("unpackaged/connectedApps/Bomb.connectedApp", millionCallbacks()));
    assertTrue(Files.size(zip) < 64 * 1024, "the review's zip is about 16 KB");

    Report report = scan(zip);

    assertEquals(0, report.findings().size(), report.findings().toString());
    assertEquals(1, report.errors().size(), report.errors().toString());
    assertEquals("lying.zip!/unpackaged/connectedApps/Bomb.connectedApp",
        report.errors().get(0).file());
    assertEquals("expands more than 100 times the compressed bytes it was read from (zip bomb?);"
        + " not read", report.errors().get(0).message());
  }

  @Test
  void zipEntry_whoseCentralDirectoryDisagreesWithItsRealSizes_refused() throws IOException {
    // Small enough for the ratio cap, so only the size check can catch the lie.
    Path zip = Files.write(tmp.resolve("lying.zip"),
        lyingZip("unpackaged/connectedApps/Liar.connectedApp",
            app("Liar", "<isPkceRequired>true</isPkceRequired>").getBytes(UTF_8)));

    Report report = scan(zip);

    assertEquals(0, report.findings().size(), report.findings().toString());
    assertEquals(1, report.errors().size(), report.errors().toString());
    assertTrue(report.errors().get(0).message().startsWith("the zip's central directory declares"),
        report.errors().get(0).message());
    assertTrue(report.errors().get(0).message().endsWith("(a tampered archive?); not read"));
  }

  @Test
  void millionsOfCallbackLines_evidenceCapped_smallReport() throws IOException {
    Path dir = tmp.resolve("dir/connectedApps");
    Files.createDirectories(dir);
    Files.write(dir.resolve("Bomb.connectedApp-meta.xml"), millionCallbacks());

    Report report = scan(tmp.resolve("dir"));

    Finding f = Fixtures.finding(report, "Bomb");
    assertEquals(ClientProfile.PUBLIC, f.profile());
    assertEquals(11, f.profileEvidence().size(), "10 signals, then how many more");
    assertEquals("oauthConfig/callbackUrl a: (line 5) uses the custom scheme a: a native app"
        + " (RFC 8252 §7.1)", f.profileEvidence().get(0));
    int lines = (16 * 1024 * 1024 - 140 - 83) / 3;
    assertTrue(f.profileEvidence().get(10).matches("and \\d{7} more public-client signals like"
        + " these"), f.profileEvidence().get(10));
    long all = 0;
    for (ReportFormat format : ReportFormat.values()) {
      StringBuilder out = new StringBuilder();
      format.write(report, out);
      all += out.length();
    }
    assertTrue(all < 64 * 1024, "text + JSON + SARIF are " + all + " chars for " + lines
        + " callback lines");
  }

  // 2. Terminal escape and line injection (review finding 3)

  /** Every character a terminal acts on, except the report's own line ends. */
  private static void assertPrintable(String report) {
    for (int i = 0; i < report.length(); i++) {
      char c = report.charAt(i);
      boolean unsafe = (c < 0x20 && c != '\n') || (c >= 0x7f && c <= 0x9f)
          || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
          || c == '\u2028' || c == '\u2029';
      assertFalse(unsafe, "U+" + Integer.toHexString(c) + " at " + i + " in:\n" + report);
    }
  }

  @Test
  void textReport_fileNameWithEraseLineAndCarriageReturn_cannotRedrawTheRow() throws IOException {
    String name = "\u001b[2K\rPASS          SF-CA-PKCE  critical -     public       Payments";
    write("in/connectedApps/" + name + ".connectedApp-meta.xml",
        app("Payments", "<isPkceRequired>false</isPkceRequired>"));

    Report report = scan(tmp.resolve("in"));
    assertEquals(Status.FAIL, report.findings().get(0).status());

    for (boolean colour : new boolean[] {false, true}) {
      String out = colour ? text(report, true).replaceAll("\u001b\\[\\d+m", "") : text(report,
          false);
      assertPrintable(out);
      assertTrue(out.split("\n")[1].startsWith("FAIL "), out);
      assertTrue(out.contains("?[2K?PASS"), out);
    }
  }

  @Test
  void textReport_xml11CharacterReferencesInALabel_escAndBelNeverPrinted() throws IOException {
    write("in/connectedApps/Xml11.connectedApp-meta.xml",
        app("x&#x1b;]0;PWNED-title&#x7;&#x1b;[2J", "<isPkceRequired>false</isPkceRequired>")
            .replace("version=\"1.0\"", "version=\"1.1\""));

    Report report = scan(tmp.resolve("in"));
    assertEquals("x\u001b]0;PWNED-title\u0007\u001b[2J", report.findings().get(0).label(),
        "the model keeps the label as parsed; only the text output is cleaned");

    String out = text(report, false);
    assertPrintable(out);
    assertTrue(out.contains("Xml11 (x?]0;PWNED-title??[2J)"), out);
  }

  @Test
  void textReport_zipEntryName_cleanInTheAppColumnToo() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(buf)) {
      z.putNextEntry(new ZipEntry(
          "unpackaged/connectedApps/\u001b]0;PWNED-zip\u0007Zip\nFAKE.connectedApp"));
      z.write(app("Zip", "<isPkceRequired>false</isPkceRequired>").getBytes(UTF_8));
    }
    Path zip = Files.write(tmp.resolve("retrieve.zip"), buf.toByteArray());

    String out = text(scan(zip), false);

    assertPrintable(out);
    assertTrue(out.contains(" ?]0;PWNED-zip?Zip?FAKE "), out);
  }

  @Test
  void textReport_c1AndBidiControlsInALabel_replaced() throws IOException {
    write("in/connectedApps/C1.connectedApp-meta.xml",
        app("a\u009b2Jb\u202eLIAF\u2066c\u2028d\u0085e", "<isPkceRequired>false</isPkceRequired>"));

    String out = text(scan(tmp.resolve("in")), false);

    assertPrintable(out);
    assertTrue(out.contains("C1 (a?2Jb?LIAF?c?d?e)"), out);
  }

  @Test
  void jsonAndSarif_keepTheCharactersEscaped() throws IOException {
    write("in/connectedApps/C1.connectedApp-meta.xml",
        app("a\u009bb\u202ec", "<isPkceRequired>false</isPkceRequired>"));
    Report report = scan(tmp.resolve("in"));
    StringBuilder json = new StringBuilder();
    ReportFormat.JSON.write(report, json);
    assertEquals("a\u009bb\u202ec",
        new ObjectMapper().readTree(json.toString()).at("/findings/0/label").asText());
  }

  // 3. Foreign namespace and duplicates (review finding 10)

  @Test
  void isPkceRequired_inAForeignNamespace_isNotTheSetting() throws IOException {
    write("in/connectedApps/ForeignNs.connectedApp-meta.xml", app("ForeignNs",
        "<x:isPkceRequired xmlns:x=\"urn:not-salesforce\">true</x:isPkceRequired>"));

    Finding f = Fixtures.finding(scan(tmp.resolve("in")), "ForeignNs");

    assertEquals(Status.FAIL, f.status(), f.message());
    assertTrue(f.message().startsWith("oauthConfig has no isPkceRequired element"), f.message());
  }

  @Test
  void rootElement_inAForeignNamespace_isNotMetadata() throws IOException {
    write("in/connectedApps/Other.connectedApp-meta.xml", app("Other",
        "<isPkceRequired>true</isPkceRequired>").replace(NS, "urn:not-salesforce"));

    Report report = scan(tmp.resolve("in"));

    assertEquals(0, report.findings().size());
    assertEquals("the root element is <{urn:not-salesforce}ConnectedApp>; a file with this suffix"
        + " holds <ConnectedApp> in the Metadata API namespace " + NS,
        report.errors().get(0).message());
  }

  @Test
  void isPkceRequired_twice_notEvaluable_namingBothLines() throws IOException {
    write("in/connectedApps/Duplicate.connectedApp-meta.xml", app("Duplicate",
        "<isPkceRequired>true</isPkceRequired>\n<isPkceRequired>false</isPkceRequired>"));

    Finding f = Fixtures.finding(scan(tmp.resolve("in")), "Duplicate");

    assertEquals(Status.NOT_EVALUABLE, f.status(), f.message());
    assertEquals(6, f.line());
    assertTrue(f.message().startsWith("Not evaluable: oauthConfig/isPkceRequired occurs 2 times"
        + " (lines 6, 7);"), f.message());
  }

  @Test
  void isConsumerSecretOptional_twice_notEvaluable() throws IOException {
    write("in/connectedApps/Secret.connectedApp-meta.xml", app("Secret",
        "<isConsumerSecretOptional>false</isConsumerSecretOptional>\n"
            + "<isConsumerSecretOptional>true</isConsumerSecretOptional>\n"
            + "<isPkceRequired>true</isPkceRequired>"));

    Finding f = Fixtures.finding(scan(tmp.resolve("in")), "Secret");

    assertEquals(Status.NOT_EVALUABLE, f.status(), f.message());
    assertTrue(f.message().contains("oauthConfig/isConsumerSecretOptional occurs 2 times (lines"
        + " 6, 7)"), f.message());
  }

  @Test
  void ecaOauthPluginEnabled_twice_notEvaluable() throws IOException {
    String eca = "force-app/main/default/";
    write(eca + "externalClientApps/Twice.eca-meta.xml", "<ExternalClientApplication xmlns=\""
        + NS + "\"><label>Twice</label></ExternalClientApplication>");
    write(eca + "extlClntAppPolicies/Twice_plcy.ecaPlcy-meta.xml",
        "<ExtlClntAppConfigurablePolicies xmlns=\"" + NS + "\">\n"
            + "<externalClientApplication>Twice</externalClientApplication>\n"
            + "<isOauthPluginEnabled>false</isOauthPluginEnabled>\n"
            + "<isOauthPluginEnabled>true</isOauthPluginEnabled>\n"
            + "</ExtlClntAppConfigurablePolicies>");

    Finding f = Fixtures.finding(scan(tmp.resolve("force-app")), "Twice");

    assertEquals(Status.NOT_EVALUABLE, f.status(), f.message());
    assertTrue(f.message().contains("isOauthPluginEnabled occurs 2 times (lines 3, 4)"),
        f.message());
  }

  @Test
  void orgSettings_isPkceRequiredTwice_appNotEvaluable() throws IOException {
    write("p/main/default/connectedApps/Own_False.connectedApp-meta.xml",
        app("Own_False", "<isPkceRequired>false</isPkceRequired>"));
    write("p/main/default/settings/OauthOidc.settings-meta.xml", "<OauthOidcSettings xmlns=\""
        + NS + "\">\n<isPkceRequired>true</isPkceRequired>\n<isPkceRequired>false</isPkceRequired>"
        + "\n</OauthOidcSettings>");

    Finding f = Fixtures.finding(scan(tmp.resolve("p")), "Own_False");

    assertEquals(Status.NOT_EVALUABLE, f.status(), f.message());
    assertTrue(f.message().contains("OauthOidcSettings/isPkceRequired occurs 2 times (lines 2, 3)"),
        f.message());
  }

  // 5. Profile evidence

  @Test
  void callbackList_splitByCrlf_judgedLineByLine() throws IOException {
    write("in/connectedApps/Crlf.connectedApp-meta.xml", app("Crlf",
        "<isPkceRequired>true</isPkceRequired>").replace("<callbackUrl>https://e.example/cb",
        "<callbackUrl>https://e.example/cb&#13;&#10;https://localhost:8443/cb&#13;&#10;"
            + "myapp:/cb&#13;&#10;http://127.0.0.1.attacker.example/cb"));

    Finding f = Fixtures.finding(scan(tmp.resolve("in")), "Crlf");

    assertEquals(Arrays.asList(
        "oauthConfig/callbackUrl https://localhost:8443/cb (line 5) is a loopback redirect: a"
            + " native or desktop app (RFC 8252 §7.3)",
        "oauthConfig/callbackUrl myapp:/cb (line 5) uses the custom scheme myapp: a native app"
            + " (RFC 8252 §7.1)"), f.profileEvidence());
  }

  // 6. Details users noticed

  @Test
  void ecaWithOauthPluginOff_listsItsHeaderAmongRelatedFiles() {
    Finding f = Fixtures.finding(Fixtures.scan("eca-oauth-disabled"), "Dormant");
    assertEquals(Status.NOT_APPLICABLE, f.status());
    String root = "eca-oauth-disabled/force-app/main/default/";
    assertEquals(root + "extlClntAppPolicies/Dormant_plcy.ecaPlcy-meta.xml", f.file());
    assertTrue(f.relatedFiles().contains(root + "externalClientApps/Dormant.eca-meta.xml"),
        f.relatedFiles().toString());
    assertFalse(f.relatedFiles().contains(f.file()), "the deciding file is not also related");
  }

  @Test
  void textReport_fixParagraph_onlyOncePerControl() throws IOException {
    for (String name : new String[] {"One", "Two", "Three"}) {
      write("in/connectedApps/" + name + ".connectedApp-meta.xml",
          app(name, "<isPkceRequired>false</isPkceRequired>"));
    }
    String out = text(scan(tmp.resolve("in")), false);
    String remediation = Control.CONNECTED_APP_PKCE.remediation();
    assertEquals(out.indexOf(remediation), out.lastIndexOf(remediation), out);
    assertEquals(2, out.split("  Fix:      as above for SF-CA-PKCE\n", -1).length - 1, out);
  }

  @Test
  void directoryWalk_skipsBuildOutputAndToolCaches() throws IOException {
    String failing = app("Copy", "<isPkceRequired>false</isPkceRequired>");
    for (String skipped : new String[] {"target", "build", "node_modules", ".sfdx", ".sf",
        ".git"}) {
      write("repo/" + skipped + "/connectedApps/Copy.connectedApp-meta.xml", failing);
    }
    write("repo/force-app/connectedApps/Real.connectedApp-meta.xml",
        app("Real", "<isPkceRequired>true</isPkceRequired>"));

    Report report = scan(tmp.resolve("repo"));

    assertEquals(1, report.findings().size(), report.findings().toString());
    assertEquals("Real", report.findings().get(0).app());
  }

  // 7. The org-wide setting and External Client Apps

  @Test
  void orgWideSettingTrue_doesNotPassAnEcaThatTurnsPkceOff_andSaysWhy() throws IOException {
    String root = "force-app/main/default/";
    write(root + "settings/OauthOidc.settings-meta.xml", "<OauthOidcSettings xmlns=\"" + NS
        + "\">\n<isPkceRequired>true</isPkceRequired>\n</OauthOidcSettings>");
    write(root + "externalClientApps/Off.eca-meta.xml", "<ExternalClientApplication xmlns=\""
        + NS + "\"><label>Off</label></ExternalClientApplication>");
    write(root + "extlClntAppGlobalOauthSets/Off_glbloauth.ecaGlblOauth-meta.xml",
        "<ExtlClntAppGlobalOauthSettings xmlns=\"" + NS + "\">\n"
            + "<externalClientApplication>Off</externalClientApplication>\n"
            + "<isPkceRequired>false</isPkceRequired>\n"
            + "</ExtlClntAppGlobalOauthSettings>");

    Finding f = Fixtures.finding(scan(tmp.resolve("force-app")), "Off");

    assertEquals(Status.FAIL, f.status());
    assertTrue(f.message().contains("The org-wide OauthOidcSettings/isPkceRequired is true in"
        + " force-app/main/default/settings/OauthOidc.settings-meta.xml:2, but it is not counted"
        + " for an External Client App"), f.message());
    assertTrue(f.relatedFiles().contains(root + "settings/OauthOidc.settings-meta.xml"));
  }

  // 9. SARIF location (review finding 13)

  @Test
  void sarif_fileUnderAFolderEndingInBang_locatedAtTheFileWithItsLine() throws IOException {
    write("repo/weird!/connectedApps/Bang.connectedApp-meta.xml",
        app("Bang", "<isPkceRequired>false</isPkceRequired>"));
    ByteArrayOutputStream zipBytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(zipBytes)) {
      z.putNextEntry(new ZipEntry("unpackaged/connectedApps/Zipped.connectedApp"));
      z.write(app("Zipped", "<isPkceRequired>false</isPkceRequired>").getBytes(UTF_8));
    }
    Path zip = Files.write(tmp.resolve("repo/retrieve.zip"), zipBytes.toByteArray());

    Report report = scan(tmp.resolve("repo/weird!"), zip);
    StringBuilder out = new StringBuilder();
    ReportFormat.SARIF.write(report, out);
    JsonNode results = new ObjectMapper().readTree(out.toString()).at("/runs/0/results");

    List<String> expected = Arrays.asList(
        "repo/retrieve.zip -",
        "repo/weird!/connectedApps/Bang.connectedApp-meta.xml 6");
    List<String> actual = new java.util.ArrayList<>();
    for (JsonNode r : results) {
      JsonNode physical = r.at("/locations/0/physicalLocation");
      actual.add(physical.at("/artifactLocation/uri").asText() + " "
          + (physical.has("region") ? physical.at("/region/startLine").asText() : "-"));
    }
    actual.sort(null);
    assertEquals(expected, actual);
  }
}
