package io.github.pkce4j.policy.internal;

import io.github.pkce4j.policy.Control;
import io.github.pkce4j.policy.Finding;
import io.github.pkce4j.policy.MetadataType;
import io.github.pkce4j.policy.Status;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the optional OAuth controls ({@link OptionalRules}) that were asked for to the apps
 * and org settings {@link Auditor} has joined, adding one finding per app and control. An app
 * without OAuth is not applicable, a missing file not evaluable, as for the PKCE controls.
 */
final class OptionalAuditor {
  private final Set<Control> controls;
  private final List<Finding> findings;

  OptionalAuditor(Set<Control> controls, List<Finding> findings) {
    this.controls = controls;
    this.findings = findings;
  }

  /** The optional controls asked for, on one Connected App. */
  void connectedApp(MetadataFile file) {
    XmlDoc doc = file.doc();
    boolean oauth = doc.has("oauthConfig");
    Profiler.Result profile = oauth
        ? Profiler.judge(doc, "oauthConfig/", "mobileAppConfig", "mobileStartUrl") : null;
    for (OptionalRules.BooleanRule rule : OptionalRules.CONNECTED_APP_FLAGS) {
      Finding.Builder b = caBuilder(rule.control, file, profile);
      if (b != null) {
        findings.add(!oauth ? notApplicable(b, file)
            : OptionalRules.judge(b, rule, file, "oauthConfig/", "oauthConfig/",
                doc.lineOf("oauthConfig")));
      }
    }
    for (OptionalRules.ChoiceRule rule : OptionalRules.CONNECTED_APP_POLICIES) {
      Finding.Builder b = caBuilder(rule.control, file, profile);
      if (b != null) {
        int line = doc.has("oauthPolicy") ? doc.lineOf("oauthPolicy") : doc.rootLine();
        findings.add(!oauth ? notApplicable(b, file)
            : OptionalRules.judge(b, rule, file, "oauthPolicy/", "oauthPolicy/", line));
      }
    }
    Finding.Builder device = caBuilder(Control.CONNECTED_APP_DEVICE_FLOW, file, profile);
    if (device != null) {
      if (!oauth) {
        findings.add(notApplicable(device, file));
      } else if (doc.has("oauthConfig/isDeviceFlowEnabled")) {
        // Not documented for ConnectedApp, but read when it is there.
        findings.add(OptionalRules.judge(device, OptionalRules.CONNECTED_APP_DEVICE,
            file, "oauthConfig/", "oauthConfig/", doc.lineOf("oauthConfig")));
      } else {
        findings.add(Auditor.at(device, file, doc.lineOf("oauthConfig"))
            .verdict(Status.NOT_EVALUABLE, Why.CA_DEVICE_FLOW_NOT_IN_METADATA).build());
      }
    }
  }

  /** A builder for {@code control} on a Connected App, or null when it was not asked for. */
  private Finding.Builder caBuilder(Control control, MetadataFile file,
      Profiler.Result profile) {
    if (!controls.contains(control)) {
      return null;
    }
    Finding.Builder b = Settings.connectedApp(Finding.builder(control).app(file.componentName())
        .label(file.doc().textOrNull("label")), file.doc());
    return profile == null ? b : b.profile(profile.profile, profile.evidence);
  }

  private static Finding notApplicable(Finding.Builder b, MetadataFile file) {
    return Auditor.at(b, file, file.doc().rootLine())
        .verdict(Status.NOT_APPLICABLE, Why.notApplicable(Auditor.withoutOauthReason(file.doc())))
        .build();
  }

  /**
   * The verdict an External Client App rule gets before its deciding file is read: not
   * applicable when {@code pluginOff} (the file that turned the OAuth plugin off) is given, not
   * evaluable when {@code decider} is missing; null when the rule is to be judged on
   * {@code decider}, which is then listed among the related files.
   */
  private static Finding beforeJudging(Finding.Builder b, Auditor.EcaParts eca,
      MetadataFile pluginOff, MetadataFile decider, MetadataFile anchor, String whyMissing) {
    if (pluginOff != null) {
      Auditor.related(b, eca, pluginOff);
      return Auditor.at(b, pluginOff, pluginOff.doc().lineOf("isOauthPluginEnabled"))
          .verdict(Status.NOT_APPLICABLE, Why.ECA_OAUTH_PLUGIN_OFF).build();
    }
    if (decider == null) {
      Auditor.related(b, eca, anchor);
      return Auditor.at(b, anchor, anchor.doc().rootLine())
          .verdict(Status.NOT_EVALUABLE, whyMissing).build();
    }
    Auditor.related(b, eca, decider);
    return null;
  }

  /** The optional controls asked for, on one External Client App. */
  void externalClientApp(Auditor.EcaParts eca, MetadataFile anchor) {
    MetadataFile header = eca.first(MetadataType.EXTERNAL_CLIENT_APPLICATION);
    MetadataFile global = eca.first(MetadataType.ECA_GLOBAL_OAUTH_SETTINGS);
    MetadataFile plugin = eca.first(MetadataType.ECA_POLICIES);
    MetadataFile oauthPolicies = eca.first(MetadataType.ECA_OAUTH_POLICIES);
    Profiler.Result profile = global == null ? null : Profiler.judge(global.doc(), "");
    boolean pluginOff = plugin != null
        && Flag.of(plugin.doc(), "isOauthPluginEnabled") == Flag.FALSE;
    for (OptionalRules.BooleanRule rule : OptionalRules.ECA_GLOBAL_FLAGS) {
      Finding.Builder b = ecaBuilder(rule.control, eca, header, profile);
      if (b == null) {
        continue;
      }
      Finding early = beforeJudging(b, eca, pluginOff ? plugin : null, global, anchor,
          Why.ecaNoGlobalSettings(eca.name));
      findings.add(early != null ? early : OptionalRules.judge(b, rule, global, "",
          "ExtlClntAppGlobalOauthSettings/", global.doc().rootLine()));
    }
    for (OptionalRules.ChoiceRule rule : OptionalRules.ECA_POLICIES) {
      Finding.Builder b = ecaBuilder(rule.control, eca, header, profile);
      if (b == null) {
        continue;
      }
      Finding early = beforeJudging(b, eca, pluginOff ? plugin : null, oauthPolicies, anchor,
          Why.ecaNoOauthPolicies(eca.name));
      findings.add(early != null ? early : OptionalRules.judge(b, rule, oauthPolicies, "",
          "ExtlClntAppOauthConfigurablePolicies/", oauthPolicies.doc().rootLine()));
    }
  }

  private Finding.Builder ecaBuilder(Control control, Auditor.EcaParts eca, MetadataFile header,
      Profiler.Result profile) {
    if (!controls.contains(control)) {
      return null;
    }
    Finding.Builder b = Settings.externalClientApp(Finding.builder(control).app(eca.name)
        .label(header != null ? header.doc().textOrNull("label") : null), eca.all);
    return profile == null ? b : b.profile(profile.profile, profile.evidence);
  }

  /** The org-wide controls asked for: one finding per settings file, or per input without one. */
  void org(Map<Integer, List<MetadataFile>> settingsByInput, List<String> inputs) {
    for (OptionalRules.BooleanRule rule : OptionalRules.ORG_FLAGS) {
      if (!controls.contains(rule.control)) {
        continue;
      }
      for (List<MetadataFile> settings : settingsByInput.values()) {
        for (MetadataFile s : settings) {
          findings.add(OptionalRules.judge(Settings.org(orgBuilder(rule.control), s.doc()), rule, s, "",
              Why.SETTINGS + "/", s.doc().rootLine()));
        }
      }
      for (int i = 0; i < inputs.size(); i++) {
        if (!settingsByInput.containsKey(i)) {
          findings.add(orgBuilder(rule.control).location(inputs.get(i), 1)
              .verdict(Status.NOT_EVALUABLE, Why.ORG_NO_SETTINGS).build());
        }
      }
    }
  }

  private static Finding.Builder orgBuilder(Control control) {
    return Finding.builder(control).app("OauthOidc").label("OAuth and OpenID Connect Settings");
  }
}
