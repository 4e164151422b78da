package io.github.pkce4j.policy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken input: each gets a clear per-file error, the rest of the input is still
 * scanned, and nothing outside the input is read, written or connected to.
 */
class HostileInputTest {
  private static final String NS = "http://soap.sforce.com/2006/04/metadata";
  private static final String GOOD_APP = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<ConnectedApp xmlns=\"" + NS + "\">\n"
      + "    <label>Good</label>\n"
      + "    <oauthConfig>\n"
      + "        <callbackUrl>https://good.example.com/cb</callbackUrl>\n"
      + "        <isPkceRequired>true</isPkceRequired>\n"
      + "    </oauthConfig>\n"
      + "</ConnectedApp>\n";

  @TempDir Path tmp;

  private Path input() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("input/connectedApps"));
    Files.write(dir.resolve("Good.connectedApp-meta.xml"), GOOD_APP.getBytes(UTF_8));
    return tmp.resolve("input");
  }

  private Report scan(Path... inputs) {
    return PkceAudit.builder().workingDirectory(tmp).build().scan(inputs);
  }

  private static String rendered(Report report) throws IOException {
    StringBuilder all = new StringBuilder();
    for (ReportFormat format : ReportFormat.values()) {
      format.write(report, all);
    }
    return all.toString();
  }

  /** The scan reported exactly one error, for {@code file}, and still judged Good. */
  private static ScanError onlyError(Report report, String file) {
    assertEquals(1, report.errors().size(), report.errors().toString());
    ScanError e = report.errors().get(0);
    assertEquals(file, e.file());
    assertEquals(Status.PASS, Fixtures.finding(report, "Good").status(), "the rest is scanned");
    return e;
  }

  @Test
  void xxe_externalEntity_refused_localFileNeverRead() throws IOException {
    String canary = "CANARY-" + UUID.randomUUID();
    Path secret = Files.write(tmp.resolve("canary.txt"), canary.getBytes(UTF_8));
    Path in = input();
    Files.write(in.resolve("connectedApps/Xxe.connectedApp-meta.xml"), ("<?xml version=\"1.0\"?>\n"
        + "<!DOCTYPE ConnectedApp [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>\n"
        + "<ConnectedApp xmlns=\"" + NS + "\">\n"
        + "  <label>&leak;</label>\n"
        + "  <oauthConfig><callbackUrl>&leak;</callbackUrl><isPkceRequired>true</isPkceRequired>"
        + "</oauthConfig>\n"
        + "</ConnectedApp>\n").getBytes(UTF_8));

    Report report = scan(in);

    ScanError e = onlyError(report, "input/connectedApps/Xxe.connectedApp-meta.xml");
    assertTrue(e.message().startsWith("a DOCTYPE declaration is not allowed"), e.message());
    assertEquals(2, e.line());
    assertFalse(rendered(report).contains(canary), "the canary leaked into a report");
    assertFalse(report.toString().contains(canary));
  }

  @Test
  void xxe_externalDtdAndParameterEntities_neverOpenAConnection() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String base = "http://127.0.0.1:" + server.getLocalPort();
      Path in = input();
      Files.write(in.resolve("connectedApps/Dtd.connectedApp-meta.xml"), ("<?xml version=\"1.0\"?>"
          + "<!DOCTYPE ConnectedApp SYSTEM \"" + base + "/evil.dtd\">"
          + "<ConnectedApp xmlns=\"" + NS + "\"><label>x</label></ConnectedApp>").getBytes(UTF_8));
      Files.write(in.resolve("connectedApps/Param.connectedApp-meta.xml"), ("<?xml version=\"1.0\"?>"
          + "<!DOCTYPE ConnectedApp [<!ENTITY % p SYSTEM \"" + base + "/p.dtd\"> %p;]>"
          + "<ConnectedApp xmlns=\"" + NS + "\"><label>x</label></ConnectedApp>").getBytes(UTF_8));
      Files.write(in.resolve("connectedApps/General.connectedApp-meta.xml"), ("<?xml version=\"1.0\"?>"
          + "<!DOCTYPE ConnectedApp [<!ENTITY g SYSTEM \"" + base + "/g\">]>"
          + "<ConnectedApp xmlns=\"" + NS + "\"><label>&g;</label></ConnectedApp>").getBytes(UTF_8));

      Report report = scan(in);

      assertEquals(3, report.errors().size(), report.errors().toString());
      for (ScanError e : report.errors()) {
        assertTrue(e.message().startsWith("a DOCTYPE declaration is not allowed"), e.toString());
      }
      assertEquals(1, report.findings().size());
      // Any connection attempt would be waiting in the backlog.
      server.setSoTimeout(300);
      assertThrows(SocketTimeoutException.class, server::accept, "the parser connected out");
    }
  }

  @Test
  void entityExpansionBomb_refused() throws IOException {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE ConnectedApp [<!ENTITY l0 \"lol\">");
    for (int i = 1; i <= 10; i++) {
      dtd.append("<!ENTITY l").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        dtd.append("&l").append(i - 1).append(';');
      }
      dtd.append("\">");
    }
    dtd.append("]>");
    Path in = input();
    Files.write(in.resolve("connectedApps/Bomb.connectedApp-meta.xml"), ("<?xml version=\"1.0\"?>\n"
        + dtd + "\n<ConnectedApp xmlns=\"" + NS + "\"><label>&l10;</label></ConnectedApp>")
        .getBytes(UTF_8));

    ScanError e = onlyError(scan(in), "input/connectedApps/Bomb.connectedApp-meta.xml");
    assertTrue(e.message().startsWith("a DOCTYPE declaration is not allowed"), e.message());
  }

  @Test
  void malformedXml_errorWithLine() throws IOException {
    Path in = input();
    Files.write(in.resolve("connectedApps/Broken.connectedApp-meta.xml"), ("<?xml version=\"1.0\"?>\n"
        + "<ConnectedApp xmlns=\"" + NS + "\">\n"
        + "  <label>Broken</label>\n"
        + "  <oauthConfig><isPkceRequired>true</oauthConfig>\n"
        + "</ConnectedApp>\n").getBytes(UTF_8));

    ScanError e = onlyError(scan(in), "input/connectedApps/Broken.connectedApp-meta.xml");
    assertTrue(e.message().startsWith("malformed XML: "), e.message());
    assertEquals(4, e.line());
  }

  @Test
  void truncatedAndEmptyFiles_errors() throws IOException {
    Path in = input();
    Files.write(in.resolve("connectedApps/Empty.connectedApp-meta.xml"), new byte[0]);
    Files.write(in.resolve("connectedApps/Cut.connectedApp-meta.xml"),
        GOOD_APP.substring(0, 80).getBytes(UTF_8));

    Report report = scan(in);
    assertEquals(2, report.errors().size(), report.errors().toString());
    for (ScanError e : report.errors()) {
      assertTrue(e.message().startsWith("malformed XML: "), e.toString());
    }
  }

  @Test
  void nonUtf8Bytes_errorNamingTheOffset() throws IOException {
    Path in = input();
    byte[] latin1 = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ConnectedApp xmlns=\"" + NS
        + "\">\n<label>Caf\u00e9</label>\n</ConnectedApp>\n").getBytes("ISO-8859-1");
    Files.write(in.resolve("connectedApps/Latin1.connectedApp-meta.xml"), latin1);

    ScanError e = onlyError(scan(in), "input/connectedApps/Latin1.connectedApp-meta.xml");
    int offset = new String(latin1, "ISO-8859-1").indexOf('\u00e9');
    assertEquals("not valid UTF-8 (byte offset " + offset + "); Salesforce metadata files are"
        + " UTF-8", e.message());
    assertEquals(3, e.line());
  }

  @Test
  void hugeFile_notRead() throws IOException {
    Path in = input();
    Path huge = in.resolve("connectedApps/Huge.connectedApp-meta.xml");
    try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
      f.setLength(PkceAudit.DEFAULT_MAX_FILE_BYTES + 1); // sparse: costs no disk
    }

    ScanError e = onlyError(scan(in), "input/connectedApps/Huge.connectedApp-meta.xml");
    assertEquals("larger than the 16777216-byte cap for one metadata file (16777217 bytes or"
        + " more); not read", e.message());
  }

  @Test
  void wrongRootElement_error() throws IOException {
    Path in = input();
    Files.write(in.resolve("connectedApps/Odd.connectedApp-meta.xml"),
        ("<?xml version=\"1.0\"?>\n<Package xmlns=\"" + NS + "\"/>\n").getBytes(UTF_8));

    ScanError e = onlyError(scan(in), "input/connectedApps/Odd.connectedApp-meta.xml");
    assertEquals("the root element is <Package>; a file with this suffix holds <ConnectedApp>"
        + " in the Metadata API namespace http://soap.sforce.com/2006/04/metadata",
        e.message());
  }

  @Test
  void deepNesting_refused() throws IOException {
    StringBuilder deep = new StringBuilder("<ConnectedApp xmlns=\"" + NS + "\">");
    for (int i = 0; i < 100; i++) {
      deep.append("<a>");
    }
    Path in = input();
    Files.write(in.resolve("connectedApps/Deep.connectedApp-meta.xml"),
        deep.toString().getBytes(UTF_8));

    ScanError e = onlyError(scan(in), "input/connectedApps/Deep.connectedApp-meta.xml");
    assertEquals("elements nest deeper than 64 levels", e.message());
  }

  @Test
  void ecaChildWithoutAppName_error() throws IOException {
    Path in = input();
    Files.write(in.resolve("connectedApps/Orphan.ecaGlblOauth-meta.xml"),
        ("<?xml version=\"1.0\"?>\n<ExtlClntAppGlobalOauthSettings xmlns=\"" + NS + "\">\n"
            + "<isPkceRequired>false</isPkceRequired>\n</ExtlClntAppGlobalOauthSettings>\n")
            .getBytes(UTF_8));

    ScanError e = onlyError(scan(in), "input/connectedApps/Orphan.ecaGlblOauth-meta.xml");
    assertEquals("no <externalClientApplication> element, so the file cannot be joined to its"
        + " External Client App", e.message());
  }

  @Test
  void zipBomb_highRatioEntry_notRead_otherEntriesScanned() throws IOException {
    Path zip = tmp.resolve("retrieve.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("unpackaged/connectedApps/Good.connectedApp"));
      out.write(GOOD_APP.getBytes(UTF_8));
      out.putNextEntry(new ZipEntry("unpackaged/connectedApps/Bomb.connectedApp"));
      writeZeros(out, 10 * 1024 * 1024); // under the size cap, ~1000:1
    }

    ScanError e = onlyError(scan(zip), "retrieve.zip!/unpackaged/connectedApps/Bomb.connectedApp");
    assertEquals("expands more than 100 times the compressed bytes it was read from (zip bomb?);"
        + " not read",
        e.message());
  }

  @Test
  void zipEntryOverSizeCap_notRead() throws IOException {
    Path zip = tmp.resolve("retrieve.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("unpackaged/connectedApps/Good.connectedApp"));
      out.write(GOOD_APP.getBytes(UTF_8));
      out.putNextEntry(new ZipEntry("unpackaged/connectedApps/Big.connectedApp"));
      writeZeros(out, 200 * 1024);
    }
    Report report = PkceAudit.builder().workingDirectory(tmp).maxFileBytes(100 * 1024)
        .maxZipRatio(100_000).build().scan(zip);

    ScanError e = onlyError(report, "retrieve.zip!/unpackaged/connectedApps/Big.connectedApp");
    assertTrue(e.message().startsWith("larger than the 102400-byte cap"), e.message());
  }

  @Test
  void zipWithTooManyEntries_notRead() throws IOException {
    Path zip = tmp.resolve("many.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (int i = 0; i < 11; i++) {
        out.putNextEntry(new ZipEntry("unpackaged/connectedApps/A" + i + ".connectedApp"));
        out.write(GOOD_APP.getBytes(UTF_8));
      }
    }
    Report report = PkceAudit.builder().workingDirectory(tmp).maxZipEntries(10).build()
        .scan(input(), zip);

    ScanError e = onlyError(report, "many.zip");
    assertEquals("has 11 entries; the cap is 10 (zip bomb?); not read", e.message());
  }

  @Test
  void zipSlipEntries_refused_nothingWritten() throws IOException {
    Path zip = Files.createDirectories(tmp.resolve("a/b")).resolve("retrieve.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("unpackaged/connectedApps/Good.connectedApp"));
      out.write(GOOD_APP.getBytes(UTF_8));
      out.putNextEntry(new ZipEntry("../../Evil.connectedApp"));
      out.write(GOOD_APP.getBytes(UTF_8));
      out.putNextEntry(new ZipEntry("unpackaged/../../../Evil2.connectedApp-meta.xml"));
      out.write(GOOD_APP.getBytes(UTF_8));
      out.putNextEntry(new ZipEntry("/tmp/Evil3.connectedApp"));
      out.write(GOOD_APP.getBytes(UTF_8));
    }
    List<Path> before = listAll(tmp);

    Report report = scan(zip);

    assertEquals(3, report.errors().size(), report.errors().toString());
    for (ScanError e : report.errors()) {
      assertTrue(e.file().startsWith("a/b/retrieve.zip!/"), e.toString());
      assertEquals("the entry's path leaves the archive root (absolute, or with a '..' segment);"
          + " refused and never extracted", e.message());
    }
    assertEquals(1, report.findings().size());
    assertEquals(before, listAll(tmp), "the scan wrote files");
  }

  @Test
  void notAZip_error() throws IOException {
    Path zip = Files.write(tmp.resolve("retrieve.zip"), "not a zip".getBytes(UTF_8));
    Report report = scan(input(), zip);
    ScanError e = onlyError(report, "retrieve.zip");
    assertTrue(e.message().startsWith("not a readable zip archive: "), e.message());
  }

  @Test
  void symlinkLoop_walkEnds_fileFoundOnce() throws IOException {
    Path in = input();
    link(in.resolve("connectedApps/loop"), in);
    link(in.resolve("self"), in.resolve("self"));

    Report report = scan(in);

    assertEquals(1, report.findings().size(), report.findings().toString());
    assertTrue(report.errors().isEmpty(), report.errors().toString());
  }

  @Test
  void symlinkOutOfTheInput_notFollowed() throws IOException {
    String canary = "CANARY-" + UUID.randomUUID();
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path target = Files.write(outside.resolve("Secret.connectedApp-meta.xml"),
        GOOD_APP.replace("Good", canary).getBytes(UTF_8));
    Path in = input();
    link(in.resolve("connectedApps/Leak.connectedApp-meta.xml"), target);
    link(in.resolve("outsideDir"), outside);

    Report report = scan(in);

    ScanError e = onlyError(report, "input/connectedApps/Leak.connectedApp-meta.xml");
    assertTrue(e.message().startsWith("a symbolic link; links below an input are not followed"),
        e.message());
    assertFalse(rendered(report).contains(canary));
  }

  @Test
  void unreadableFile_error_restScanned() throws IOException {
    Path in = input();
    Path locked = Files.write(in.resolve("connectedApps/Locked.connectedApp-meta.xml"),
        GOOD_APP.getBytes(UTF_8));
    try {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    } catch (UnsupportedOperationException e) {
      assumeTrue(false, "no POSIX permissions on this file system");
    }
    // Root reads any file whatever its mode; the assertion would prove nothing there.
    assumeFalse(Files.isReadable(locked), "running as a user who can read mode-000 files");

    ScanError e = onlyError(scan(in), "input/connectedApps/Locked.connectedApp-meta.xml");
    assertEquals("permission denied", e.message());
  }

  @Test
  void missingInput_error_otherInputsScanned() throws IOException {
    Report report = scan(tmp.resolve("nope"), input());
    ScanError e = onlyError(report, "nope");
    assertEquals("no such file or directory", e.message());
  }

  @Test
  void unknownSingleFile_error() throws IOException {
    Path readme = Files.write(tmp.resolve("README.md"), "hello".getBytes(UTF_8));
    ScanError e = onlyError(scan(readme, input()), "README.md");
    assertTrue(e.message().startsWith("not a directory, a .zip or a metadata file"), e.message());
  }

  private static void writeZeros(OutputStream out, int n) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    for (int left = n; left > 0; left -= chunk.length) {
      out.write(chunk, 0, Math.min(left, chunk.length));
    }
  }

  private static void link(Path link, Path target) throws IOException {
    try {
      Files.createSymbolicLink(link, target);
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "symbolic links are not available: " + e);
    }
  }

  /** Every path below {@code dir}: the zip sits two levels down, so '../../' lands in here. */
  private static List<Path> listAll(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.sorted().collect(Collectors.toCollection(ArrayList::new));
    }
  }
}
