package io.github.pkce4j.policy;

import static io.github.pkce4j.policy.Fixtures.assertNoErrors;
import static io.github.pkce4j.policy.Fixtures.finding;
import static io.github.pkce4j.policy.Fixtures.scan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Control 1 (Connected Apps) on one fixture per case in pkce-policy/README.md. */
class ConnectedAppControlTest {

  @Test
  void isPkceRequiredTrue_passes() {
    Report report = scan("ca-required");
    assertNoErrors(report);
    Finding f = finding(report, "Required");
    assertEquals(Status.PASS, f.status());
    assertEquals(Control.CONNECTED_APP_PKCE, f.control());
    assertEquals("SF-CA-PKCE", f.control().ruleId());
    assertEquals("Connected Apps: API (Enable OAuth Settings): Require Proof Key for Code"
        + " Exchange (PKCE)", f.control().title());
    assertEquals("Required PKCE", f.label());
    assertEquals("ca-required/connectedApps/Required.connectedApp-meta.xml", f.file());
    assertEquals(9, f.line(), "the line of <isPkceRequired>");
    assertEquals(Severity.CRITICAL, f.severity());
    assertEquals(ClientProfile.CONFIDENTIAL, f.profile());
  }

  @Test
  void isPkceRequiredFalse_failsCriticalAtBottomForConfidentialClient() {
    Report report = scan("ca-not-required");
    Finding f = finding(report, "Server_Side");
    assertEquals(Status.FAIL, f.status());
    assertEquals(9, f.line());
    // https://localhost is a placeholder of server-side apps, not a loopback redirect; token
    // exchange is off, so its secret flag is no evidence either.
    assertEquals(ClientProfile.CONFIDENTIAL, f.profile());
    assertEquals(Collections.singletonList("oauthConfig/isConsumerSecretOptional is false"
        + " (line 8): the consumer secret is required, and no public-client setting is present"),
        f.profileEvidence());
    assertEquals(9.0, f.score());
    assertTrue(f.message().startsWith("oauthConfig/isPkceRequired is false"), f.message());
    assertTrue(f.message().contains("No OauthOidc.settings was found"), f.message());
    assertTrue(f.remediation().contains("Require Proof Key for Code Exchange (PKCE) Extension for"
        + " Supported Authorization Flows"));
  }

  @Test
  void absentField_failsWithItsDefaultFalse_saysTheFieldIsFromApi59_withoutClaimingAnOldRetrieve() {
    Finding f = finding(scan("ca-absent-field"), "Legacy_Integration");
    assertEquals(Status.FAIL, f.status());
    assertEquals(5, f.line(), "the line of <oauthConfig>, since the flag is absent");
    assertTrue(f.message().startsWith("oauthConfig has no isPkceRequired element, so the setting"
        + " has its default, false (the field exists from API 59.0 on"), f.message());
    assertFalse(f.message().contains("was retrieved before"), f.message());
    assertTrue(f.message().contains("sf project retrieve start -m ConnectedApp:Legacy_Integration"),
        f.message());
    assertEquals(ClientProfile.UNKNOWN, f.profile());
    assertEquals(9.5, f.score());
  }

  @Test
  void orgWideSettingTrue_passesAppsWithoutTheirOwnFlag_namingTheSettingsFile() {
    Report report = scan("org-override");
    assertNoErrors(report);
    String settings = "org-override/force-app/main/default/settings/OauthOidc.settings-meta.xml";
    for (String app : Arrays.asList("No_Own_Flag", "Own_False")) {
      Finding f = finding(report, app);
      assertEquals(Status.PASS, f.status(), app);
      assertEquals(Collections.singletonList(settings), f.relatedFiles(), app);
      assertTrue(f.message().contains("OauthOidcSettings/isPkceRequired is true in " + settings
          + ":5"), f.message());
    }
    assertEquals(2, report.findings().size(), "settings files are not apps");
  }

  @Test
  void orgWideSetting_inAnotherPackageDirectoryOfTheSameSfdxProject_applies() {
    Report report = scan("sfdx-multi-package");
    assertNoErrors(report);
    Finding f = finding(report, "Other_Package");
    assertEquals(Status.PASS, f.status(), f.message());
    assertEquals(Collections.singletonList("sfdx-multi-package/force-app/main/default/settings/"
        + "OauthOidc.settings-meta.xml"), f.relatedFiles());
  }

  @Test
  void orgWideSettingFalse_failsAndSaysSo() {
    Finding f = finding(scan("org-not-required"), "Own_False");
    assertEquals(Status.FAIL, f.status());
    assertTrue(f.message().contains("The org does not require PKCE either: OauthOidcSettings/"
        + "isPkceRequired is false in org-not-required/force-app/main/default/settings/"
        + "OauthOidc.settings-meta.xml:4."), f.message());
  }

  @Test
  void samlOnly_notApplicable() {
    Finding f = finding(scan("saml-only"), "Saml_Sso");
    assertEquals(Status.NOT_APPLICABLE, f.status());
    assertTrue(f.message().contains("SAML-only"), f.message());
    assertEquals(2, f.line());
  }

  @Test
  void canvasWithoutOAuth_notApplicable_canvasWithOAuth_evaluated() {
    Report report = scan("canvas");
    Finding only = finding(report, "Canvas_Only");
    assertEquals(Status.NOT_APPLICABLE, only.status());
    assertTrue(only.message().contains("canvas app without OAuth"), only.message());
    assertEquals(Status.FAIL, finding(report, "Canvas_With_OAuth").status());
  }

  @Test
  void noOauthConfig_notApplicable() {
    Finding f = finding(scan("no-oauth"), "Package_Stub");
    assertEquals(Status.NOT_APPLICABLE, f.status());
    assertTrue(f.message().contains("no oauthConfig"), f.message());
  }

  @Test
  void secretOptional_publicClient_scoredAtTheTop() {
    Finding f = finding(scan("secret-optional"), "Secretless");
    assertEquals(Status.FAIL, f.status());
    assertEquals(ClientProfile.PUBLIC, f.profile());
    assertEquals(Collections.singletonList("oauthConfig/isConsumerSecretOptional is true (line 8):"
        + " the consumer secret is optional"), f.profileEvidence());
    assertEquals(10.0, f.score());
  }

  @Test
  void customSchemeCallback_publicClient() {
    Finding f = finding(scan("custom-scheme"), "Field_Mobile");
    assertEquals(ClientProfile.PUBLIC, f.profile());
    assertEquals(Collections.singletonList("oauthConfig/callbackUrl com.example.field://oauth/done"
        + " (line 6) uses the custom scheme com.example.field: a native app (RFC 8252 §7.1)"),
        f.profileEvidence());
  }

  @Test
  void loopbackCallback_publicClient_evenWithTheSecretRequired() {
    Finding f = finding(scan("loopback"), "Desktop_Tool");
    assertEquals(ClientProfile.PUBLIC, f.profile());
    assertEquals(Collections.singletonList("oauthConfig/callbackUrl"
        + " http://127.0.0.1:1717/OauthRedirect (line 6) is a loopback redirect: a native or"
        + " desktop app (RFC 8252 §7.3)"), f.profileEvidence());
    assertEquals(10.0, f.score());
  }

  @Test
  void severalCallbackUrls_eachJudged_theNativeAndTheLoopbackOnesAreEvidence() {
    Finding f = finding(scan("several-callbacks"), "Many_Callbacks");
    assertEquals(ClientProfile.PUBLIC, f.profile());
    assertEquals(Arrays.asList("oauthConfig/callbackUrl https://localhost/placeholder (line 6) is"
        + " a loopback redirect: a native or desktop app (RFC 8252 §7.3)",
        "oauthConfig/callbackUrl example-app://auth/callback"
        + " (line 6) uses the custom scheme example-app: a native app (RFC 8252 §7.1)"),
        f.profileEvidence());
  }

  @Test
  void mobileSettings_publicClient() {
    Finding f = finding(scan("mobile-settings"), "Sales_Mobile");
    assertEquals(ClientProfile.PUBLIC, f.profile());
    assertEquals(Collections.singletonList("mobileStartUrl (line 5) is present: mobile app"
        + " settings"), f.profileEvidence());
  }

  @Test
  void nonBooleanFlag_notEvaluable_neverAPass() {
    Finding f = finding(scan("invalid-flag"), "Odd_Value");
    assertEquals(Status.NOT_EVALUABLE, f.status());
    assertTrue(f.message().contains("'yes', which is not a boolean"), f.message());
  }

  @Test
  void metadataApiLayout_matchedBySuffix_withItsOrgSettings() {
    Report report = scan("mdapi-layout");
    assertNoErrors(report);
    Finding api = finding(report, "Api_Client");
    assertEquals("mdapi-layout/src/connectedApps/Api_Client.connectedApp", api.file());
    assertEquals(Status.FAIL, api.status());
    assertEquals(Collections.singletonList("mdapi-layout/src/settings/OauthOidc.settings"),
        api.relatedFiles());
    Finding nativeClient = finding(report, "Native_Client");
    assertEquals(Status.PASS, nativeClient.status());
    assertEquals(ClientProfile.PUBLIC, nativeClient.profile());
    assertEquals(3, report.files().size(), "two apps and the settings; package.xml is not read");
    assertFalse(report.hasErrors());
  }

  @ParameterizedTest
  @CsvSource({
      "ca-required, false",
      "ca-not-required, true",
      "org-override, false",
      "saml-only, false",
      "invalid-flag, false",
  })
  void hasFailuresAtOrAbove_countsOnlyFails(String fixture, boolean failing) {
    Report report = scan(fixture);
    assertEquals(failing, report.hasFailuresAtOrAbove(Severity.CRITICAL));
    assertEquals(failing, report.hasFailuresAtOrAbove(Severity.LOW));
  }

  @Test
  void paths_relativeToTheWorkingDirectory_evenAboveIt() {
    // Surefire runs in the module folder, where target/test-classes holds the fixtures.
    Path workingDirectory = Paths.get("").toAbsolutePath().resolve("src");
    Report report = PkceAudit.builder().workingDirectory(workingDirectory).build()
        .scan(Paths.get("target/test-classes/fixtures/ca-required"));
    assertEquals("../target/test-classes/fixtures/ca-required/connectedApps/"
        + "Required.connectedApp-meta.xml", finding(report, "Required").file());

    Report absolute = PkceAudit.builder().workingDirectory(workingDirectory).build()
        .scan(Fixtures.dir("ca-required"));
    assertEquals(Fixtures.dir("ca-required").resolve("connectedApps")
            .resolve("Required.connectedApp-meta.xml").toString().replace('\\', '/'),
        finding(absolute, "Required").file());
  }
}
