package io.github.pkce4j.policy.internal;

import io.github.pkce4j.policy.Control;
import io.github.pkce4j.policy.Finding;
import io.github.pkce4j.policy.Status;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The OAuth controls around PKCE: what each one reads, which value passes, and what an absent
 * element means. Each rule decides from one element of one file; where Salesforce's reference
 * documents a default, an absent element has it, and where it does not, the app is not
 * evaluable rather than guessed at (see the module README for the sources).
 */
final class OptionalRules {
  private OptionalRules() {}

  /** A boolean setting: which value passes, the documented default, what each value means. */
  static final class BooleanRule {
    final Control control;
    final String element;
    final boolean passes;
    /** The documented default, or null where the reference gives none. */
    final Boolean documentedDefault;
    final String passMeaning;
    final String failMeaning;

    BooleanRule(Control control, String element, boolean passes, Boolean documentedDefault,
        String passMeaning, String failMeaning) {
      this.control = control;
      this.element = element;
      this.passes = passes;
      this.documentedDefault = documentedDefault;
      this.passMeaning = passMeaning;
      this.failMeaning = failMeaning;
    }
  }

  /** A setting with named values: which pass, which fail; any other value is not evaluable. */
  static final class ChoiceRule {
    final Control control;
    final String element;
    final List<String> passing;
    final List<String> failing;
    /** Values that pass by prefix, e.g. {@code specific_lifetime:}. */
    final List<String> passingPrefixes;
    final String passMeaning;
    final String failMeaning;

    ChoiceRule(Control control, String element, List<String> passing, List<String> failing,
        List<String> passingPrefixes, String passMeaning, String failMeaning) {
      this.control = control;
      this.element = element;
      this.passing = passing;
      this.failing = failing;
      this.passingPrefixes = passingPrefixes;
      this.passMeaning = passMeaning;
      this.failMeaning = failMeaning;
    }
  }

  private static final String WEB_PASS = "the web server flow requires the client secret";
  private static final String WEB_FAIL = "the web server flow does not require the client secret,"
      + " so an intercepted authorization code can be exchanged without it (PKCE is then the only"
      + " protection)";
  private static final String REFRESH_PASS = "the refresh token flow requires the client secret";
  private static final String REFRESH_FAIL = "the refresh token flow does not require the client"
      + " secret, so a stolen refresh token alone yields new access tokens";
  private static final String ROTATION_PASS = "each refresh token is replaced when it is used";
  private static final String ROTATION_FAIL = "refresh tokens are not rotated, so a stolen one"
      + " stays usable until it expires or is revoked";
  private static final String DEVICE_PASS = "the device flow is off";
  private static final String DEVICE_FAIL = "the device flow is on, so a user can be talked into"
      + " entering an attacker's user code and authorising the attacker's device";

  static final List<BooleanRule> CONNECTED_APP_FLAGS = Collections.unmodifiableList(Arrays.asList(
      new BooleanRule(Control.CONNECTED_APP_WEB_SERVER_SECRET, "isConsumerSecretOptional", false,
          null, WEB_PASS, WEB_FAIL),
      new BooleanRule(Control.CONNECTED_APP_REFRESH_SECRET, "isSecretRequiredForRefreshToken",
          true, null, REFRESH_PASS, REFRESH_FAIL),
      new BooleanRule(Control.CONNECTED_APP_REFRESH_ROTATION, "isRefreshTokenRotationEnabled",
          true, null, ROTATION_PASS, ROTATION_FAIL)));

  static final List<ChoiceRule> CONNECTED_APP_POLICIES = Collections.unmodifiableList(
      Arrays.asList(
          new ChoiceRule(Control.CONNECTED_APP_REFRESH_LIFETIME, "refreshTokenPolicy",
              Collections.singletonList("zero"), Collections.singletonList("infinite"),
              Collections.singletonList("specific_lifetime:"),
              "refresh tokens expire", "refresh tokens are valid until revoked"),
          new ChoiceRule(Control.CONNECTED_APP_IP_RELAXATION, "ipRelaxation",
              Collections.singletonList("ENFORCE"),
              Arrays.asList("BYPASS", "ENFORCE_ACTIVATED_DEVICES"), Collections.<String>emptyList(),
              "the org's IP restrictions apply to the app's tokens",
              "the org's IP restrictions are relaxed for the app, so a stolen token works from"
                  + " any network")));

  /** Read only when a ConnectedApp file has it: the reference documents no such element. */
  static final BooleanRule CONNECTED_APP_DEVICE = new BooleanRule(Control.CONNECTED_APP_DEVICE_FLOW,
      "isDeviceFlowEnabled", false, null, DEVICE_PASS, DEVICE_FAIL);

  /** In ExtlClntAppGlobalOauthSettings. */
  static final List<BooleanRule> ECA_GLOBAL_FLAGS = Collections.unmodifiableList(Arrays.asList(
      // Documented: "false (default)" in ExtlClntAppGlobalOauthSettings.
      new BooleanRule(Control.EXTERNAL_CLIENT_APP_WEB_SERVER_SECRET, "isConsumerSecretOptional",
          false, Boolean.FALSE, WEB_PASS, WEB_FAIL),
      new BooleanRule(Control.EXTERNAL_CLIENT_APP_REFRESH_SECRET,
          "isSecretRequiredForRefreshToken", true, null, REFRESH_PASS, REFRESH_FAIL),
      new BooleanRule(Control.EXTERNAL_CLIENT_APP_REFRESH_ROTATION,
          "isRefreshTokenRotationEnabled", true, null, ROTATION_PASS, ROTATION_FAIL),
      new BooleanRule(Control.EXTERNAL_CLIENT_APP_DEVICE_FLOW, "isDeviceFlowEnabled", false, null,
          DEVICE_PASS, DEVICE_FAIL)));

  /** In ExtlClntAppOauthConfigurablePolicies. */
  static final List<ChoiceRule> ECA_POLICIES = Collections.unmodifiableList(Arrays.asList(
      new ChoiceRule(Control.EXTERNAL_CLIENT_APP_REFRESH_LIFETIME, "refreshTokenPolicyType",
          Collections.singletonList("SpecificLifetime"), Collections.singletonList("Infinite"),
          Collections.<String>emptyList(), "refresh tokens expire",
          "refresh tokens are valid until revoked"),
      new ChoiceRule(Control.EXTERNAL_CLIENT_APP_IP_RELAXATION, "ipRelaxationPolicyType",
          Collections.singletonList("Enforce"),
          Arrays.asList("Bypass", "Bypass_2factor", "Enforce_RelaxRefresh"),
          Collections.<String>emptyList(),
          "the org's IP restrictions apply to the app's tokens",
          "the org's IP restrictions are relaxed for the app, so a stolen token works from any"
              + " network")));

  /** In OauthOidcSettings; both documented with default false (not blocked). */
  static final List<BooleanRule> ORG_FLAGS = Collections.unmodifiableList(Arrays.asList(
      new BooleanRule(Control.ORG_USERNAME_PASSWORD_FLOW, "blockOAuthUnPwFlow", true,
          Boolean.FALSE, "the username-password flow is blocked for the org",
          "the username-password flow is allowed, which sends a user's password to the token"
              + " endpoint and bypasses multi-factor authentication and single sign-on"),
      new BooleanRule(Control.ORG_USER_AGENT_FLOW, "blockOAuthUsrAgtFlow", true, Boolean.FALSE,
          "the user-agent flow is blocked for the org",
          "the user-agent flow is allowed, which returns the access token in the redirect URL's"
              + " fragment, where browser history and logs can keep it")));

  /**
   * The verdict of a boolean rule on {@code doc}'s element {@code prefix + rule.element}, located
   * at it (or at {@code fallbackLine} when it is absent).
   */
  static Finding judge(Finding.Builder b, BooleanRule rule, MetadataFile file, String prefix,
      String displayPath, int fallbackLine) {
    XmlDoc doc = file.doc();
    String path = prefix + rule.element;
    Flag flag = Flag.of(doc, path);
    int line = flag == Flag.ABSENT ? fallbackLine : doc.lineOf(path);
    b.location(file.path(), line).archive(file.archiveOrNull());
    String shown = displayPath + rule.element;
    switch (flag) {
      case DUPLICATE:
        return b.verdict(Status.NOT_EVALUABLE, Why.notEvaluableTwice(doc, path)).build();
      case INVALID:
        return b.verdict(Status.NOT_EVALUABLE, Why.notBoolean(shown, doc.textOrNull(path)))
            .build();
      case ABSENT:
        if (rule.documentedDefault == null) {
          return b.verdict(Status.NOT_EVALUABLE, Why.absentWithoutDocumentedDefault(shown))
              .build();
        }
        boolean value = rule.documentedDefault;
        return verdict(b, rule, value, shown + " is absent, so it has its documented default, "
            + value);
      default:
        boolean v = flag == Flag.TRUE;
        return verdict(b, rule, v, shown + " is " + v);
    }
  }

  private static Finding verdict(Finding.Builder b, BooleanRule rule, boolean value,
      String found) {
    return value == rule.passes
        ? b.verdict(Status.PASS, found + ": " + rule.passMeaning + ".").build()
        : b.verdict(Status.FAIL, found + ": " + rule.failMeaning + ".").build();
  }

  /** The verdict of a choice rule, as {@link #judge(Finding.Builder, BooleanRule, ...)} does. */
  static Finding judge(Finding.Builder b, ChoiceRule rule, MetadataFile file, String prefix,
      String displayPath, int fallbackLine) {
    XmlDoc doc = file.doc();
    String path = prefix + rule.element;
    List<XmlDoc.Leaf> leaves = doc.all(path);
    String shown = displayPath + rule.element;
    if (leaves.isEmpty()) {
      b.location(file.path(), fallbackLine).archive(file.archiveOrNull());
      return b.verdict(Status.NOT_EVALUABLE, Why.absentWithoutDocumentedDefault(shown)).build();
    }
    b.location(file.path(), doc.lineOf(path)).archive(file.archiveOrNull());
    if (leaves.size() > 1) {
      return b.verdict(Status.NOT_EVALUABLE, Why.notEvaluableTwice(doc, path)).build();
    }
    String value = leaves.get(0).text();
    String found = shown + " is '" + Printable.shortText(value) + "'";
    if (rule.passing.contains(value) || startsWithAny(value, rule.passingPrefixes)) {
      return b.verdict(Status.PASS, found + ": " + rule.passMeaning + ".").build();
    }
    if (rule.failing.contains(value)) {
      return b.verdict(Status.FAIL, found + ": " + rule.failMeaning + ".").build();
    }
    return b.verdict(Status.NOT_EVALUABLE, Why.unknownChoice(found, rule.passing, rule.failing))
        .build();
  }

  private static boolean startsWithAny(String value, List<String> prefixes) {
    for (String p : prefixes) {
      if (value.startsWith(p) && value.length() > p.length()) {
        return true;
      }
    }
    return false;
  }
}
