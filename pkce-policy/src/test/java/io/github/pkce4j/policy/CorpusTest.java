package io.github.pkce4j.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The real retrieved metadata in {@code ../shared/salesforce-corpus} (third-party data, not part
 * of this repository): every file is classified, and each verdict matches what the corpus's
 * SOURCES.md says the file shows. Skipped when the corpus is absent.
 */
class CorpusTest {
  private static Path corpus;
  private static Report report;

  @BeforeAll
  static void scanCorpus() {
    corpus = findCorpusOrNull();
    if (corpus != null) {
      report = PkceAudit.builder().workingDirectory(corpus).build().scan(corpus);
    }
  }

  /** {@code shared/salesforce-corpus} beside the repository (or any folder above the module). */
  private static Path findCorpusOrNull() {
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("salesforce-corpus");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static void assumeCorpus() {
    assumeTrue(corpus != null, "../shared/salesforce-corpus is not present");
  }

  @Test
  void everyFileIsClassified_noErrors() throws IOException {
    assumeCorpus();
    assertEquals("[]", report.errors().toString());
    List<String> onDisk;
    try (Stream<Path> s = Files.walk(corpus)) {
      onDisk = s.filter(Files::isRegularFile)
          .map(p -> corpus.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.equals("SOURCES.md"))
          .sorted().collect(Collectors.toList());
    }
    List<String> classified = report.files().stream().map(ScannedFile::path).sorted()
        .collect(Collectors.toList());
    assertEquals(onDisk, classified);
    for (ScannedFile f : report.files()) {
      String name = f.path().substring(f.path().lastIndexOf('/') + 1);
      assertEquals(MetadataType.ofFileNameOrNull(name), f.type(), f.path());
    }
  }

  @Test
  void everyAppFileIsJudged_andEveryEcaPartIsJoined() {
    assumeCorpus();
    TreeSet<String> covered = new TreeSet<>();
    for (Finding f : report.findings()) {
      covered.add(f.file());
      covered.addAll(f.relatedFiles());
    }
    List<String> missing = new ArrayList<>();
    for (ScannedFile f : report.files()) {
      if (f.type() != MetadataType.OAUTH_OIDC_SETTINGS && !covered.contains(f.path())) {
        missing.add(f.path());
      }
    }
    assertEquals("[]", missing.toString(), "files no finding accounts for");
    // SOURCES.md lists 20 connected apps and the files of 3 External Client Apps.
    assertEquals(20 + 3, report.findings().size());
  }

  /** One row per app file of SOURCES.md: its number there, the path, and what it shows. */
  @ParameterizedTest(name = "#{0} {1}")
  @CsvSource({
      "1, awadke-debug__HamiltonAscend/force-app/main/default/connectedApps/Hamilton_Workato_Integrations.connectedApp-meta.xml, PASS, PUBLIC",
      "2, awadke-debug__HamiltonAscend/force-app/main/default/connectedApps/DevOpsPipelines.connectedApp-meta.xml, PASS, PUBLIC",
      "3, awadke-debug__HamiltonAscend/force-app/main/default/connectedApps/Postman.connectedApp-meta.xml, FAIL, CONFIDENTIAL",
      "4, awadke-debug__HamiltonAscend/force-app/main/default/externalClientApps/Hamilton_Workato_Integrations.eca-meta.xml, NOT_EVALUABLE,",
      "5, sheryweb__mira-sales/force-app/main/default/connectedApps/MobileApp.connectedApp-meta.xml, FAIL,",
      "6, sheryweb__mira-sales/force-app/main/default/connectedApps/Mobile_App.connectedApp-meta.xml, FAIL,",
      "8, AlainHofstetter__nextgen/force-app/main/default/connectedApps/BSI_Integration.connectedApp-meta.xml, FAIL, PUBLIC",
      "9, AlainHofstetter__nextgen/force-app/main/default/connectedApps/Slack.connectedApp-meta.xml, NOT_APPLICABLE,",
      "10, carestone-sf__salesforce/force-app/main/default/connectedApps/TeamProQ_Integration.connectedApp-meta.xml, FAIL,",
      "11, carestone-sf__salesforce/force-app/main/default/connectedApps/CustomerPortal.connectedApp-meta.xml, FAIL,",
      "12, carestone-sf__salesforce/force-app/main/default/connectedApps/DevOps_Center.connectedApp-meta.xml, NOT_APPLICABLE,",
      "13, jerrywang951027__fiberDev/force-app/main/default/connectedApps/SRSIntegration.connectedApp-meta.xml, FAIL, PUBLIC",
      "14, lbarnettcq__cqdx/force-app/main/default/connectedApps/Gravity_Forms.connectedApp-meta.xml, FAIL, PUBLIC",
      "15, eliverans__SmanettaDX/force-app/main/default/connectedApps/My_Mobile_App.connectedApp-meta.xml, FAIL, PUBLIC",
      "16, eliverans__SmanettaDX/force-app/main/default/connectedApps/My_Hybrid_App.connectedApp-meta.xml, FAIL, PUBLIC",
      "17, eliverans__SmanettaDX/force-app/main/default/connectedApps/getinvoiceapp.connectedApp-meta.xml, FAIL,",
      "18, eliverans__SmanettaDX/force-app/main/default/connectedApps/SSO.connectedApp-meta.xml, NOT_APPLICABLE,",
      "19, bobbywhitesfdc__GREENORG/src/connectedApps/Postman.connectedApp, FAIL,",
      "20, peticavictor__salesforce_broker/force-app/main/default/connectedApps/Broker.connectedApp-meta.xml, FAIL,",
      "21, craig-jackson-ideascience__DEV/force-app/main/default/connectedApps/GravityForm1.connectedApp-meta.xml, FAIL,",
      "22, jxbambrick__Dreamforce-Advanced-CLI/force-app/main/default/connectedApps/GitHub_Actions.connectedApp-meta.xml, FAIL,",
      "24, justinsohn__gstdev/force-app/main/default/extlClntAppGlobalOauthSets/Postman_glbloauth.ecaGlblOauth-meta.xml, PASS,",
      "29, ramsayp__consultant_project/force-app/main/default/externalClientApps/Claude_MCP.eca-meta.xml, NOT_EVALUABLE,",
  })
  void verdictMatchesSources(int row, String file, Status status, ClientProfile profile) {
    assumeCorpus();
    Map<String, Finding> byFile = new HashMap<>();
    for (Finding f : report.findings()) {
      byFile.put(f.file(), f);
    }
    Finding f = byFile.get(file);
    assertTrue(f != null, "no finding for SOURCES.md row " + row + ": " + file);
    assertEquals(status, f.status(), f.message());
    if (profile != null) {
      assertEquals(profile, f.profile(), f.profileEvidence().toString());
    }
  }

  @Test
  void filesWithoutTheField_sayItIsAbsentAndDefaultsToFalse() {
    assumeCorpus();
    for (String app : new String[] {"TeamProQ_Integration", "CustomerPortal", "SRSIntegration",
        "Gravity_Forms", "Broker", "GravityForm1", "GitHub_Actions", "My_Mobile_App"}) {
      Finding f = Fixtures.finding(report, app);
      assertTrue(f.message().contains("no isPkceRequired element, so the setting has its default,"
          + " false (the field exists from API 59.0 on"), app + ": " + f.message());
    }
  }

  @Test
  void orgSettings_pairedOnlyWithTheirOwnProject() {
    assumeCorpus();
    String mira = "sheryweb__mira-sales/force-app/main/default/settings/OauthOidc.settings-meta.xml";
    assertEquals(java.util.Collections.singletonList(mira),
        Fixtures.finding(report, "Mobile_App").relatedFiles());
    assertEquals("[]", Fixtures.finding(report, "BSI_Integration").relatedFiles().toString(),
        "another repository's settings must not be applied");
  }
}
