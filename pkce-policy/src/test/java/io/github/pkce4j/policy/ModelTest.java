package io.github.pkce4j.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The small public value types: suffix matching, severity placement, format names. */
class ModelTest {

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
      "A.connectedApp, CONNECTED_APP",
      "A.connectedApp-meta.xml, CONNECTED_APP",
      "My.App.connectedApp-meta.xml, CONNECTED_APP",
      "A.eca, EXTERNAL_CLIENT_APPLICATION",
      "A.eca-meta.xml, EXTERNAL_CLIENT_APPLICATION",
      "A_glbloauth.ecaGlblOauth, ECA_GLOBAL_OAUTH_SETTINGS",
      "A_glbloauth.ecaGlblOauth-meta.xml, ECA_GLOBAL_OAUTH_SETTINGS",
      "A_oauth.ecaOauth-meta.xml, ECA_OAUTH_SETTINGS",
      "A_oauthPlcy.ecaOauthPlcy-meta.xml, ECA_OAUTH_POLICIES",
      "A_plcy.ecaPlcy, ECA_POLICIES",
      "OauthOidc.settings, OAUTH_OIDC_SETTINGS",
      "OauthOidc.settings-meta.xml, OAUTH_OIDC_SETTINGS",
      "Security.settings-meta.xml, null",
      "A.connectedapp-meta.xml, null",
      "A.CONNECTEDAPP, null",
      ".connectedApp, null",
      "A.ecaOauthSecurity-meta.xml, null",
      "package.xml, null",
      "-meta.xml, null",
      "A.connectedApp.bak, null",
  })
  void metadataType_bySuffix(String fileName, MetadataType expected) {
    assertEquals(expected, MetadataType.ofFileNameOrNull(fileName));
  }

  @ParameterizedTest
  @CsvSource({
      "CRITICAL, PUBLIC, 10.0",
      "CRITICAL, UNKNOWN, 9.5",
      "CRITICAL, CONFIDENTIAL, 9.0",
      "HIGH, PUBLIC, 8.9",
      "HIGH, UNKNOWN, 8.0",
      "HIGH, CONFIDENTIAL, 7.0",
      "MEDIUM, UNKNOWN, 5.5",
      "LOW, UNKNOWN, 2.0",
  })
  void severity_placesTheScoreByProfile(Severity severity, ClientProfile profile, double score) {
    assertEquals(score, severity.place(profile));
  }

  @Test
  void severity_ordering() {
    assertTrue(Severity.CRITICAL.isAtLeast(Severity.HIGH));
    assertTrue(Severity.HIGH.isAtLeast(Severity.HIGH));
    assertTrue(!Severity.HIGH.isAtLeast(Severity.CRITICAL));
  }

  @Test
  void reportFormat_parse() {
    assertEquals(ReportFormat.SARIF, ReportFormat.parse("SARIF"));
    assertEquals(ReportFormat.TEXT, ReportFormat.parse("text"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReportFormat.parse("xml"));
    assertEquals("unknown report format 'xml'; expected text, json, sarif or csv", e.getMessage());
  }

  @Test
  void builder_rejectsNonPositiveCaps() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PkceAudit.builder().maxFileBytes(0));
    assertEquals("maxFileBytes is 0; it must be positive", e.getMessage());
  }

  @Test
  void finding_requiresLocationAndVerdict() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Finding.builder(Control.CONNECTED_APP_PKCE).app("A").build());
    assertEquals("location(file, line) was not set", e.getMessage());
  }
}
