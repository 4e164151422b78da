package io.github.pkce4j.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live-org audit through a fake {@code sf}: every documented case, and no secret left. */
class OrgAuditTest {
  @TempDir Path tmp;
  private FakeSf sf;

  @BeforeEach
  void install() throws IOException {
    assumeTrue(FakeSf.posixShellAvailable(), "the fake sf is a POSIX shell script");
    sf = FakeSf.install(tmp);
  }

  private Report audit(String org, PkceAudit.Builder audit) throws OrgAuditException {
    return OrgAudit.builder().sfExecutable(sf.executable).timeoutSeconds(20).build()
        .audit(org, audit);
  }

  @Test
  void orgWithUsage_auditsTheRetrieve_andSaysWhichFailingAppsAreInUse() throws Exception {
    Report report = audit("my-org", PkceAudit.builder());
    assertEquals("[]", report.errors().toString());
    assertTrue(report.usage().known());
    Finding legacy = Fixtures.finding(report, "Legacy_Integration");
    assertEquals(Status.FAIL, legacy.status());
    assertEquals("retrieved/connectedApps/Legacy_Integration.connectedApp-meta.xml",
        legacy.file());
    AppUsage u = report.usageOf(legacy);
    assertTrue(u.inUse());
    assertEquals(2, u.tokens());
    assertEquals(42, u.useCount());
    assertEquals("2026-11-30T09:15:00.000+0000", u.lastUsedOrNull());
    AppUsage unused = report.usageOf(Fixtures.finding(report, "Old_Report_Tool"));
    assertFalse(unused.inUse());
    AppUsage portal = report.usageOf(Fixtures.finding(report, "Portal"));
    assertEquals(7, portal.useCount());
    assertNull(portal.lastUsedOrNull());

    StringWriter text = new StringWriter();
    ReportFormat.TEXT.write(report, text);
    String t = text.toString();
    int inUse = t.indexOf("IN USE  Legacy_Integration");
    int notInUse = t.indexOf("unused  Old_Report_Tool");
    assertTrue(inUse > 0 && notInUse > inUse, t);
    assertTrue(t.contains("in use: 2 tokens, 42 uses, last used 2026-11-30T09:15:00.000+0000"), t);
    // Details list the apps in use first, most used first.
    assertTrue(t.indexOf("FAIL  Legacy_Integration") < t.indexOf("FAIL  Portal")
        && t.indexOf("FAIL  Portal") < t.indexOf("FAIL  Old_Report_Tool"), t);
  }

  @Test
  void retrieve_asksForExactlyTheTypesTheControlsRead_inAPrivateProjectThatIsDeleted()
      throws Exception {
    audit("my-org", PkceAudit.builder());
    String args = new String(Files.readAllBytes(sf.argsLog), StandardCharsets.UTF_8);
    String[] calls = args.split("\n");
    assertEquals(2, calls.length, args);
    assertTrue(calls[0].startsWith("project retrieve start --metadata ConnectedApp --metadata"
        + " ExternalClientApplication --metadata ExtlClntAppOauthSettings --metadata"
        + " ExtlClntAppGlobalOauthSettings --metadata ExtlClntAppOauthConfigurablePolicies"
        + " --metadata ExtlClntAppConfigurablePolicies --metadata Settings:OauthOidc"
        + " --target-org my-org --output-dir "), calls[0]);
    assertTrue(calls[0].endsWith(" --json"), calls[0]);
    assertEquals("data query --query SELECT AppName, UseCount, LastUsedDate FROM OauthToken"
        + " --target-org my-org --json", calls[1]);
    for (String dir : sf.workingDirectories()) {
      assertFalse(Files.exists(Paths.get(dir)), dir + " is left behind");
      assertTrue(Paths.get(dir).getFileName().toString().startsWith("pkce-audit-"), dir);
    }
  }

  @Test
  void tempDir_isOwnerOnly_whileSfRuns() throws Exception {
    // The fake records its directory; the permission is checked on a twin made the same way.
    Path twin = Files.createTempDirectory(tmp, "twin",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(twin)));
    audit("my-org", PkceAudit.builder());
    assertEquals(2, sf.workingDirectories().length);
  }

  @Test
  void unauthorisedOrg_oneLineSayingWhatToRun_andNothingLeft() throws Exception {
    OrgAuditException e = assertThrows(OrgAuditException.class,
        () -> audit("unauthorised", PkceAudit.builder()));
    assertEquals("the org 'unauthorised' is not authorised in the Salesforce CLI"
        + " (NamedOrgNotFoundError); run sf org login web --alias unauthorised", e.getMessage());
    assertLeftNothing();
  }

  @Test
  void failedRetrieve_namesSfsErrorCleaned_andNothingLeft() throws Exception {
    OrgAuditException e = assertThrows(OrgAuditException.class,
        () -> audit("retrieve-fails", PkceAudit.builder()));
    assertEquals("sf project retrieve start failed: MetadataTransferError: Metadata API request"
        + " failed: INVALID_TYPE?[2J", e.getMessage());
    assertLeftNothing();
  }

  @Test
  void refusedUsageQuery_isAnError_notUnknownUsage_andNothingLeft() throws Exception {
    OrgAuditException e = assertThrows(OrgAuditException.class,
        () -> audit("query-fails", PkceAudit.builder()));
    assertEquals("sf data query failed: INVALID_TYPE: sObject type OauthToken is not supported.",
        e.getMessage());
    assertLeftNothing();
  }

  @Test
  void missingSf_saysWhatToInstall() {
    OrgAuditException e = assertThrows(OrgAuditException.class,
        () -> OrgAudit.builder().sfExecutable(tmp.resolve("no-such-sf")).build()
            .audit("my-org", PkceAudit.builder()));
    assertTrue(e.getMessage().startsWith("cannot run sf project retrieve start (IOException);"
        + " install the Salesforce CLI (https://developer.salesforce.com/tools/salesforcecli)"),
        e.getMessage());
  }

  @Test
  void hangingSf_isStoppedAtTheTimeout() throws Exception {
    OrgAuditException e = assertThrows(OrgAuditException.class,
        () -> OrgAudit.builder().sfExecutable(sf.executable).timeoutSeconds(1).build()
            .audit("hangs", PkceAudit.builder()));
    assertEquals("sf project retrieve start did not finish within 1 second; it was stopped",
        e.getMessage());
    assertLeftNothing();
  }

  @Test
  void aliasThatLooksLikeAFlag_isRefusedBeforeSfRuns() {
    OrgAuditException e = assertThrows(OrgAuditException.class,
        () -> audit("--help", PkceAudit.builder()));
    assertTrue(e.getMessage().startsWith("--target-org '--help' is not an org alias"),
        e.getMessage());
    assertFalse(Files.exists(sf.argsLog));
  }

  @Test
  void plantedSecret_inNoReportFormat_andNotOnDisk() throws Exception {
    Report report = audit("my-org", PkceAudit.builder()
        .controls(Control.parseGroups(Control.ALL)));
    StringBuilder all = new StringBuilder(report.toString()).append(report.summary());
    for (ReportFormat format : ReportFormat.values()) {
      StringWriter w = new StringWriter();
      format.write(report, w, true);
      all.append(w);
    }
    for (Finding f : report.findings()) {
      all.append(f).append(f.message()).append(f.settings()).append(f.profileEvidence());
    }
    for (String planted : new String[] {FakeSf.PLANTED_SECRET, FakeSf.PLANTED_ECA_KEY,
        FakeSf.PLANTED_CA_KEY}) {
      assertFalse(all.toString().contains(planted), planted + " reached a report");
    }
    assertLeftNothing();
    // Nothing below the test's own directory (where the fake lives) holds it either.
    try (Stream<Path> files = Files.walk(tmp)) {
      files.filter(Files::isRegularFile).forEach(p -> {
        try {
          String s = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
          assertFalse(s.contains(FakeSf.PLANTED_SECRET), p + " holds the secret");
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      });
    }
  }

  private void assertLeftNothing() throws IOException {
    String[] dirs = sf.workingDirectories();
    assertNotNull(dirs);
    for (String dir : dirs) {
      assertFalse(dir.isEmpty() || Files.exists(Paths.get(dir)), dir + " is left behind");
    }
  }
}
