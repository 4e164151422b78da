package io.github.pkce4j.policy;

import static io.github.pkce4j.policy.Fixtures.assertNoErrors;
import static io.github.pkce4j.policy.Fixtures.finding;
import static io.github.pkce4j.policy.Fixtures.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Control 2 (External Client Apps) on one fixture per case in pkce-policy/README.md. */
class ExternalClientAppControlTest {
  private static final String ECA = "eca-complete/force-app/main/default/";

  @Test
  void completeSet_joinedOnExternalClientApplication_failsHighForPublicClient() {
    Report report = scan("eca-complete");
    assertNoErrors(report);
    assertEquals(1, report.findings().size(), "five files, one app");
    Finding f = finding(report, "Field_Service");
    assertEquals(Control.EXTERNAL_CLIENT_APP_PKCE, f.control());
    assertEquals("External Client Apps: Security: Require Proof Key for Code Exchange (PKCE)",
        f.control().title());
    assertEquals(Status.FAIL, f.status());
    assertEquals(Severity.HIGH, f.severity());
    assertEquals(ECA + "extlClntAppGlobalOauthSets/Field_Service_glbloauth.ecaGlblOauth-meta.xml",
        f.file());
    assertEquals(8, f.line());
    assertEquals("Field Service", f.label(), "the label comes from the header");
    assertEquals(ClientProfile.PUBLIC, f.profile());
    assertEquals(Arrays.asList(
        "isConsumerSecretOptional is true (line 7): the consumer secret is optional",
        "callbackUrl com.example.fieldservice://oauth (line 3) uses the custom scheme"
            + " com.example.fieldservice: a native app (RFC 8252 §7.1)",
        "isSecretRequiredForRefreshToken is false (line 9): refresh tokens are accepted without"
            + " the secret"), f.profileEvidence());
    assertEquals(8.9, f.score());
    assertEquals(Arrays.asList(
        ECA + "externalClientApps/Field_Service.eca-meta.xml",
        ECA + "extlClntAppOauthPolicies/Field_Service_oauthPlcy.ecaOauthPlcy-meta.xml",
        ECA + "extlClntAppOauthSettings/Field_Service_oauth.ecaOauth-meta.xml",
        ECA + "extlClntAppPolicies/Field_Service_plcy.ecaPlcy-meta.xml"), f.relatedFiles());
    assertTrue(f.remediation().contains("Require Proof Key for Code Exchange (PKCE) extension for"
        + " Supported Authorization Flows"));
  }

  @Test
  void withoutGlobalFile_notEvaluable_sayingWhichFileToRetrieve() {
    Report report = scan("eca-no-global");
    Finding f = finding(report, "Partner_Portal");
    assertEquals(Status.NOT_EVALUABLE, f.status());
    assertEquals("eca-no-global/force-app/main/default/externalClientApps/"
        + "Partner_Portal.eca-meta.xml", f.file());
    assertTrue(f.message().contains("this is not a pass"), f.message());
    assertTrue(f.message().contains("sf project retrieve start -m"
        + " ExtlClntAppGlobalOauthSettings:Partner_Portal_glbloauth"), f.message());
    assertTrue(f.message().contains("Allow Access to OAuth Consumer Secrets via Metadata API"));
    assertFalse(report.hasFailuresAtOrAbove(Severity.LOW), "not evaluable is not a fail");
  }

  @Test
  void oauthPluginDisabled_notApplicable_evenWithPkceOff() {
    Finding f = finding(scan("eca-oauth-disabled"), "Dormant");
    assertEquals(Status.NOT_APPLICABLE, f.status());
    assertEquals("eca-oauth-disabled/force-app/main/default/extlClntAppPolicies/"
        + "Dormant_plcy.ecaPlcy-meta.xml", f.file());
    assertEquals(5, f.line());
  }

  @Test
  void mismatchedFileNames_joinedOnTheElementNotTheName() {
    Report report = scan("eca-mismatched-names");
    assertNoErrors(report);
    Finding acme = finding(report, "Acme");
    assertEquals(Status.PASS, acme.status());
    assertEquals("eca-mismatched-names/metadata/extlClntAppGlobalOauthSets/"
        + "acme-production-settings.ecaGlblOauth-meta.xml", acme.file());
    assertEquals(Collections.singletonList("eca-mismatched-names/metadata/externalClientApps/"
        + "Acme.eca-meta.xml"), acme.relatedFiles());
    // Acme_glbloauth.ecaGlblOauth-meta.xml names Other_App inside: it is Other_App's.
    Finding other = finding(report, "Other_App");
    assertEquals(Status.FAIL, other.status());
    assertEquals("eca-mismatched-names/metadata/extlClntAppGlobalOauthSets/"
        + "Acme_glbloauth.ecaGlblOauth-meta.xml", other.file());
  }

  @Test
  void globalFileWithoutFlag_passesByTheDefaultTrue() {
    Finding f = finding(scan("eca-default-true"), "Defaulted");
    assertEquals(Status.PASS, f.status());
    assertTrue(f.message().contains("its default is true"), f.message());
    assertEquals(ClientProfile.UNKNOWN, f.profile());
  }
}
