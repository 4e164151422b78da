package io.github.pkce4j.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The OAuth controls around PKCE, one fixture app per verdict: Strict passes every rule, Lax
 * fails every rule, Bare has none of the elements (the documented default where Salesforce gives
 * one, else not evaluable), and the org fixtures block the flows or leave the default.
 */
class OptionalControlsTest {
  private static Report scan(String fixture) {
    return PkceAudit.builder().workingDirectory(Fixtures.root())
        .controls(Control.parseGroups(Control.ALL)).build().scan(Fixtures.dir(fixture));
  }

  private static Finding finding(Report report, String app, String ruleId) {
    List<Finding> found = report.findings().stream()
        .filter(f -> f.app().equals(app) && f.control().ruleId().equals(ruleId))
        .collect(Collectors.toList());
    assertEquals(1, found.size(), app + " " + ruleId + " in " + report.findings());
    return found.get(0);
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "optional-ca  | Strict | SF-CA-WEB-SECRET       | pass           | isConsumerSecretOptional is false",
      "optional-ca  | Lax    | SF-CA-WEB-SECRET       | fail           | isConsumerSecretOptional is true",
      "optional-ca  | Bare   | SF-CA-WEB-SECRET       | not_evaluable  | isConsumerSecretOptional is absent",
      "optional-ca  | Strict | SF-CA-REFRESH-SECRET   | pass           | isSecretRequiredForRefreshToken is true",
      "optional-ca  | Lax    | SF-CA-REFRESH-SECRET   | fail           | isSecretRequiredForRefreshToken is false",
      "optional-ca  | Bare   | SF-CA-REFRESH-SECRET   | not_evaluable  | isSecretRequiredForRefreshToken is absent",
      "optional-ca  | Strict | SF-CA-REFRESH-ROTATION | pass           | isRefreshTokenRotationEnabled is true",
      "optional-ca  | Lax    | SF-CA-REFRESH-ROTATION | fail           | isRefreshTokenRotationEnabled is false",
      "optional-ca  | Bare   | SF-CA-REFRESH-ROTATION | not_evaluable  | isRefreshTokenRotationEnabled is absent",
      "optional-ca  | Strict | SF-CA-REFRESH-LIFETIME | pass           | refreshTokenPolicy is 'specific_lifetime:90:DAYS'",
      "optional-ca  | Zero_Refresh | SF-CA-REFRESH-LIFETIME | pass     | refreshTokenPolicy is 'zero'",
      "optional-ca  | Lax    | SF-CA-REFRESH-LIFETIME | fail           | refreshTokenPolicy is 'infinite'",
      "optional-ca  | Bare   | SF-CA-REFRESH-LIFETIME | not_evaluable  | oauthPolicy/refreshTokenPolicy is absent",
      "optional-ca  | Strict | SF-CA-IP-RELAXATION    | pass           | ipRelaxation is 'ENFORCE'",
      "optional-ca  | Lax    | SF-CA-IP-RELAXATION    | fail           | ipRelaxation is 'BYPASS'",
      "optional-ca  | Zero_Refresh | SF-CA-IP-RELAXATION | not_evaluable | none of the values this audit knows",
      "optional-ca  | Bare   | SF-CA-IP-RELAXATION    | not_evaluable  | oauthPolicy/ipRelaxation is absent",
      "optional-ca  | Strict | SF-CA-DEVICE-FLOW      | not_evaluable  | documents no device-flow element",
      "optional-ca  | Zero_Refresh | SF-CA-DEVICE-FLOW | fail          | isDeviceFlowEnabled is true",
      "optional-ca  | Saml_Only | SF-CA-REFRESH-SECRET | not_applicable | a SAML-only app",
      "optional-eca | Strict | SF-ECA-WEB-SECRET       | pass          | isConsumerSecretOptional is false",
      "optional-eca | Lax    | SF-ECA-WEB-SECRET       | fail          | isConsumerSecretOptional is true",
      "optional-eca | Bare   | SF-ECA-WEB-SECRET       | pass          | absent, so it has its documented default, false",
      "optional-eca | Strict | SF-ECA-REFRESH-SECRET   | pass          | isSecretRequiredForRefreshToken is true",
      "optional-eca | Lax    | SF-ECA-REFRESH-SECRET   | fail          | isSecretRequiredForRefreshToken is false",
      "optional-eca | Bare   | SF-ECA-REFRESH-SECRET   | not_evaluable | isSecretRequiredForRefreshToken is absent",
      "optional-eca | Strict | SF-ECA-REFRESH-ROTATION | pass          | isRefreshTokenRotationEnabled is true",
      "optional-eca | Lax    | SF-ECA-REFRESH-ROTATION | fail          | isRefreshTokenRotationEnabled is false",
      "optional-eca | Bare   | SF-ECA-REFRESH-ROTATION | not_evaluable | isRefreshTokenRotationEnabled is absent",
      "optional-eca | Strict | SF-ECA-DEVICE-FLOW      | pass          | isDeviceFlowEnabled is false",
      "optional-eca | Lax    | SF-ECA-DEVICE-FLOW      | fail          | isDeviceFlowEnabled is true",
      "optional-eca | Bare   | SF-ECA-DEVICE-FLOW      | not_evaluable | isDeviceFlowEnabled is absent",
      "optional-eca | Strict | SF-ECA-REFRESH-LIFETIME | pass          | refreshTokenPolicyType is 'SpecificLifetime'",
      "optional-eca | Lax    | SF-ECA-REFRESH-LIFETIME | fail          | refreshTokenPolicyType is 'Infinite'",
      "optional-eca | Bare   | SF-ECA-REFRESH-LIFETIME | not_evaluable | no ExtlClntAppOauthConfigurablePolicies",
      "optional-eca | Strict | SF-ECA-IP-RELAXATION    | pass          | ipRelaxationPolicyType is 'Enforce'",
      "optional-eca | Lax    | SF-ECA-IP-RELAXATION    | fail          | ipRelaxationPolicyType is 'Bypass'",
      "optional-eca | Bare   | SF-ECA-IP-RELAXATION    | not_evaluable | no ExtlClntAppOauthConfigurablePolicies",
      "org-flows-blocked | OauthOidc | SF-ORG-UNPW-FLOW       | pass | blockOAuthUnPwFlow is true",
      "org-flows-blocked | OauthOidc | SF-ORG-USER-AGENT-FLOW | pass | blockOAuthUsrAgtFlow is true",
      "org-flows-default | OauthOidc | SF-ORG-UNPW-FLOW       | fail | blockOAuthUnPwFlow is absent, so it has its documented default, false",
      "org-flows-default | OauthOidc | SF-ORG-USER-AGENT-FLOW | fail | blockOAuthUsrAgtFlow is absent, so it has its documented default, false",
      "optional-ca       | OauthOidc | SF-ORG-UNPW-FLOW       | not_evaluable | no OauthOidc.settings is in this input",
  })
  void optionalControl_verdictAndTheDecidingValue(String fixture, String app, String ruleId,
      String status, String because) {
    Report report = scan(fixture);
    Fixtures.assertNoErrors(report);
    Finding f = finding(report, app, ruleId);
    assertEquals(status, f.status().id(), f.message());
    assertTrue(f.message().contains(because), f.message());
  }

  @Test
  void defaultControls_areThePkceOnes_soAnOptionalRuleNeverAppearsUnasked() {
    Report report = PkceAudit.builder().workingDirectory(Fixtures.root()).build()
        .scan(Fixtures.dir("optional-ca"));
    Set<Control> seen = report.findings().stream().map(Finding::control)
        .collect(Collectors.toSet());
    assertEquals(EnumSet.of(Control.CONNECTED_APP_PKCE), seen);
    assertEquals(Control.defaults(), report.controls());
  }

  @Test
  void oneGroup_evaluatesOnlyItsControls() {
    Report report = PkceAudit.builder().workingDirectory(Fixtures.root())
        .controls(Control.parseGroups("refresh-secret")).build()
        .scan(Fixtures.dir("optional-eca"));
    Set<Control> seen = report.findings().stream().map(Finding::control)
        .collect(Collectors.toSet());
    assertEquals(EnumSet.of(Control.EXTERNAL_CLIENT_APP_REFRESH_SECRET), seen);
  }

  @Test
  void textReport_ruleColumnFitsTheLongestRuleId_summaryCountsAppsAndFindings()
      throws java.io.IOException {
    Report report = PkceAudit.builder().workingDirectory(Fixtures.root())
        .controls(Control.parseGroups("pkce,refresh-secret")).build()
        .scan(Fixtures.dir("optional-ca"));
    StringBuilder out = new StringBuilder();
    ReportFormat.TEXT.write(report, out);
    String text = out.toString();
    assertTrue(text.startsWith("STATUS        RULE                 SEVERITY"), text);
    assertTrue(text.contains("FAIL          SF-CA-REFRESH-SECRET critical"), text);
    assertTrue(report.summary().startsWith("pkce audit: 5 apps, 10 findings: 2 fail (2 critical),"),
        report.summary());
  }

  @Test
  void parseGroups_unknownName_namesEveryGroup() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Control.parseGroups("pkce,refresh"));
    assertEquals("unknown control group 'refresh'; expected pkce, web-server-secret,"
        + " refresh-secret, refresh-rotation, refresh-lifetime, ip-relaxation, device-flow,"
        + " org-flows or all, separated by commas", e.getMessage());
    assertEquals(EnumSet.allOf(Control.class), Control.parseGroups("ALL"));
  }

  @Test
  void failOnSeverity_countsTheOptionalRules() {
    Report report = scan("org-flows-default");
    // Bare requires PKCE, so only the org's flows fail: the username-password block is critical.
    assertTrue(report.hasFailuresAtOrAbove(Severity.CRITICAL));
    assertEquals(Severity.CRITICAL, finding(report, "OauthOidc", "SF-ORG-UNPW-FLOW").severity());
  }

  @Test
  void settings_carryFlagsAndPolicies_neverTheConsumerKey() {
    Report report = scan("optional-ca");
    Finding f = finding(report, "Strict", "SF-CA-PKCE");
    assertEquals("{isPkceRequired=true, isConsumerSecretOptional=false,"
        + " isSecretRequiredForRefreshToken=true, isRefreshTokenRotationEnabled=true,"
        + " refreshTokenPolicy=specific_lifetime:90:DAYS, ipRelaxation=ENFORCE}",
        f.settings().toString());
    Report required = Fixtures.scan("ca-required");
    assertTrue(!required.findings().get(0).settings().toString().contains("3MVG9"),
        required.findings().get(0).settings().toString());
  }
}
