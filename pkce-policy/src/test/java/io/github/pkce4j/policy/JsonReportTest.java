package io.github.pkce4j.policy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON report matches its documented schema and says what the {@link Report} says. */
class JsonReportTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static JsonSchema schema;

  @TempDir Path tmp;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in = PkceAudit.class.getResourceAsStream("pkce-audit-report.schema.json")) {
      assertNotNull(in, "the schema must ship in the jar");
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
  }

  private static JsonNode render(Report report) throws IOException {
    StringBuilder out = new StringBuilder();
    ReportFormat.JSON.write(report, out);
    return MAPPER.readTree(out.toString());
  }

  @Test
  void mixedReport_validAgainstTheDocumentedSchema() throws IOException {
    JsonNode json = render(ReportSamples.mixed(tmp));
    assertEquals("[]", schema.validate(json).toString());
  }

  @Test
  void emptyReport_valid() throws IOException {
    JsonNode json = render(PkceAudit.builder().build().scan(Files.createDirectory(
        tmp.resolve("empty"))));
    assertEquals("[]", schema.validate(json).toString());
    assertEquals(0, json.at("/summary/apps").asInt());
  }

  @Test
  void everyOptionalRuleAndUsage_validAgainstTheSchema_usageOnlyWhenKnown() throws IOException {
    PkceAudit all = PkceAudit.builder().workingDirectory(Fixtures.root())
        .controls(Control.parseGroups(Control.ALL))
        .usage(OrgUsage.of(java.util.Collections.singletonList(
            AppUsage.of("Lax", 2, 9, "2026-11-30T09:15:00.000+0000")))).build();
    JsonNode json = render(all.scan(Fixtures.dir("optional-ca"), Fixtures.dir("optional-eca"),
        Fixtures.dir("org-flows-default")));
    assertEquals("[]", schema.validate(json).toString());
    assertEquals(true, json.at("/usageKnown").asBoolean());
    assertEquals(Control.values().length, json.at("/controls").size());
    boolean laxSeen = false;
    for (JsonNode f : json.at("/findings")) {
      if (f.at("/appType").asText().equals("OauthOidcSettings")) {
        assertTrue(f.at("/usage").isMissingNode(), "the org's settings have no usage");
      } else if (f.at("/app").asText().equals("Lax")) {
        laxSeen = true;
        assertEquals(9, f.at("/usage/useCount").asInt());
      }
    }
    assertTrue(laxSeen);
    JsonNode files = render(Fixtures.scan("ca-required"));
    assertEquals(false, files.at("/usageKnown").asBoolean());
    assertTrue(files.at("/findings/0/usage").isMissingNode());
  }

  @Test
  void schemaRejectsAnUnknownStatus() throws IOException {
    JsonNode json = render(Fixtures.scan("ca-required"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) json.at("/findings/0"))
        .put("status", "passed");
    assertFalse(schema.validate(json).isEmpty());
  }

  @Test
  void fields_carryTheFinding() throws IOException {
    Report report = Fixtures.scan("loopback");
    Finding f = report.findings().get(0);
    JsonNode json = render(report);
    JsonNode j = json.at("/findings/0");
    assertEquals("SF-CA-PKCE", j.get("ruleId").asText());
    assertEquals(f.control().title(), j.get("control").asText());
    assertEquals("ConnectedApp", j.get("appType").asText());
    assertEquals("Desktop_Tool", j.get("app").asText());
    assertEquals("Desktop Tool", j.get("label").asText());
    assertEquals("loopback/connectedApps/Desktop_Tool.connectedApp-meta.xml",
        j.get("file").asText());
    assertEquals(9, j.get("line").asInt());
    assertEquals("fail", j.get("status").asText());
    assertEquals("critical", j.get("severity").asText());
    assertEquals(9.0, j.at("/cvss/min").asDouble());
    assertEquals(10.0, j.at("/cvss/max").asDouble());
    assertEquals(10.0, j.get("score").asDouble());
    assertEquals("public", j.get("profile").asText());
    assertEquals(f.profileEvidence().get(0), j.at("/profileEvidence/0").asText());
    assertEquals(f.message(), j.get("message").asText());
    assertEquals(f.remediation(), j.get("remediation").asText());
    assertEquals(1, json.at("/summary/fail").asInt());
    assertEquals(1, json.at("/summary/filesRead").asInt());
    assertEquals("ConnectedApp", json.at("/files/0/type").asText());
  }

  @Test
  void textIsEscaped_roundTrips() throws IOException {
    String label = "Quote \" back\\slash tab\t line\u2028sep <caf\u00e9> \u00f0\u009f";
    Path dir = Files.createDirectories(tmp.resolve("odd/connectedApps"));
    Files.write(dir.resolve("Odd.connectedApp-meta.xml"), ("<ConnectedApp xmlns=\"http://soap.sforce.com/2006/04/metadata\"><label>"
        + label.replace("<", "&lt;").replace(">", "&gt;").replace("\t", "&#9;")
        + "</label></ConnectedApp>").getBytes(UTF_8));
    JsonNode json = render(PkceAudit.builder().workingDirectory(tmp).build().scan(dir));
    assertEquals(label, json.at("/findings/0/label").asText());
  }
}
