package io.github.pkce4j.policy.internal;

import io.github.pkce4j.policy.Control;
import io.github.pkce4j.policy.Finding;
import io.github.pkce4j.policy.MetadataType;
import io.github.pkce4j.policy.ScanError;
import io.github.pkce4j.policy.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the PKCE controls ({@link Control}, described in the module README) over parsed
 * metadata files.
 *
 * <p>Joins are scoped to one input (a directory or zip is one org's metadata): an External Client
 * App's files are joined on {@code externalClientApplication}, and a connected app is paired with
 * the {@code OauthOidc.settings} of its own project folder. Everything is hashed, never compared
 * pairwise, so the cost grows with the number of files.
 */
public final class Auditor {
  /**
   * The single-valued settings the controls read, below {@code oauthConfig/} in a ConnectedApp
   * and at the top of an ExtlClntAppGlobalOauthSettings file. Given twice, they make the app not
   * evaluable: a reader that takes the first sees one value, a reader that takes the last the
   * other, and the audit cannot know which one Salesforce deploys.
   */
  private static final String[] SINGLE_VALUED = {"isPkceRequired", "isConsumerSecretOptional",
      "isSecretRequiredForRefreshToken", "isTokenExchangeEnabled",
      "isSecretRequiredForTokenExchange"};

  private final List<Finding> findings = new ArrayList<>();
  private final List<ScanError> errors = new ArrayList<>();
  private final Set<Control> controls;
  private final OptionalAuditor optional;

  /** An auditor of the two PKCE controls. */
  public Auditor() {
    this(Control.defaults());
  }

  /** An auditor of {@code controls}. */
  public Auditor(Set<Control> controls) {
    this.controls = EnumSet.noneOf(Control.class);
    this.controls.addAll(controls);
    this.optional = new OptionalAuditor(this.controls, findings);
  }

  public List<Finding> findings() {
    return findings;
  }

  public List<ScanError> errors() {
    return errors;
  }

  /**
   * Evaluates every app in {@code files}; findings are sorted by file, line and rule.
   *
   * @param projectRoots SFDX project folders, which widen the pairing of org-wide settings
   */
  public void evaluate(List<MetadataFile> files, List<ProjectRoot> projectRoots) {
    evaluate(files, projectRoots, Collections.<String>emptyList());
  }

  /**
   * As {@link #evaluate(List, List)}; an input of {@code inputs} (by index, as displayed) without
   * OauthOidc.settings gets a not-evaluable finding for each org-wide control asked for.
   */
  public void evaluate(List<MetadataFile> files, List<ProjectRoot> projectRoots,
      List<String> inputs) {
    Map<Integer, List<MetadataFile>> settingsByInput = new HashMap<>();
    Map<String, EcaParts> ecas = new LinkedHashMap<>();
    List<MetadataFile> connectedApps = new ArrayList<>();
    for (MetadataFile f : files) {
      switch (f.type()) {
        case CONNECTED_APP:
          connectedApps.add(f);
          break;
        case OAUTH_OIDC_SETTINGS:
          settingsByInput.computeIfAbsent(f.input(), k -> new ArrayList<>()).add(f);
          break;
        default:
          if (f.type() != MetadataType.EXTERNAL_CLIENT_APPLICATION
              && f.doc().all("externalClientApplication").size() > 1) {
            errors.add(ScanError.at(f.path(), f.doc().rootLine(), Why.twice(f.doc(),
                "externalClientApplication") + ", so the file cannot be joined to one External"
                + " Client App"));
            break;
          }
          String app = f.type() == MetadataType.EXTERNAL_CLIENT_APPLICATION
              ? f.componentName()
              : f.doc().textOrNull("externalClientApplication");
          if (app == null || app.isEmpty()) {
            errors.add(ScanError.at(f.path(), f.doc().rootLine(), "no <externalClientApplication>"
                + " element, so the file cannot be joined to its External Client App"));
            break;
          }
          ecas.computeIfAbsent(f.input() + "\u0000" + app, k -> new EcaParts(app)).add(f);
          break;
      }
    }
    for (MetadataFile app : connectedApps) {
      List<MetadataFile> candidates = settingsByInput.get(app.input());
      if (controls.contains(Control.CONNECTED_APP_PKCE)) {
        findings.add(connectedApp(app, orgSettings(app, candidates, projectRoots)));
      }
      optional.connectedApp(app);
    }
    for (EcaParts eca : ecas.values()) {
      eca.all.sort(Comparator.comparing(MetadataFile::path));
      MetadataFile anchor = eca.first(MetadataType.EXTERNAL_CLIENT_APPLICATION);
      anchor = anchor != null ? anchor : eca.all.get(0);
      if (controls.contains(Control.EXTERNAL_CLIENT_APP_PKCE)) {
        findings.add(externalClientApp(eca, anchor,
            orgSettings(anchor, settingsByInput.get(anchor.input()), projectRoots)));
      }
      optional.externalClientApp(eca, anchor);
    }
    optional.org(settingsByInput, inputs);
    findings.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line)
        .thenComparing(f -> f.control().ruleId()));
  }

  /**
   * The org-wide settings that govern {@code app}: those in the nearest folder that holds both
   * ({@code force-app/main/default/settings/} for {@code force-app/main/default/connectedApps/},
   * {@code unpackaged/settings/} in a retrieve zip); else the only settings file of the app's SFDX
   * project (another package directory of the same {@code sfdx-project.json}); else
   * {@code null}. Settings elsewhere in the input may belong to another org, so they are not
   * guessed at.
   */
  private static MetadataFile orgSettings(MetadataFile app, List<MetadataFile> candidates,
      List<ProjectRoot> projectRoots) {
    if (candidates == null) {
      return null;
    }
    MetadataFile best = null;
    for (MetadataFile s : candidates) {
      String root = s.metadataRoot();
      boolean encloses = root.isEmpty() || app.path().startsWith(root + "/");
      if (encloses && (best == null || root.length() > best.metadataRoot().length())) {
        best = s;
      }
    }
    if (best != null) {
      return best;
    }
    ProjectRoot project = null;
    for (ProjectRoot p : projectRoots) {
      if (p.input == app.input() && p.contains(app.path())
          && (project == null || p.path.length() > project.path.length())) {
        project = p;
      }
    }
    if (project == null) {
      return null;
    }
    MetadataFile only = null;
    for (MetadataFile s : candidates) {
      if (project.contains(s.path())) {
        if (only != null) {
          return null; // two settings files in one project: which one deploys is not knowable
        }
        only = s;
      }
    }
    return only;
  }

  private static Finding connectedApp(MetadataFile file, MetadataFile settings) {
    XmlDoc doc = file.doc();
    Finding.Builder b = Settings.connectedApp(Finding.builder(Control.CONNECTED_APP_PKCE)
        .app(file.componentName())
        .label(doc.textOrNull("label")), doc);
    if (!doc.has("oauthConfig")) {
      return at(b, file, doc.rootLine())
          .verdict(Status.NOT_APPLICABLE, Why.notApplicable(withoutOauthReason(doc))).build();
    }
    Profiler.Result profile = Profiler.judge(doc, "oauthConfig/", "mobileAppConfig",
        "mobileStartUrl");
    b.profile(profile.profile, profile.evidence);
    String path = "oauthConfig/isPkceRequired";
    String duplicate = duplicateOrNull(doc, "oauthConfig/");
    if (duplicate != null) {
      return at(b, file, doc.lineOf(duplicate))
          .verdict(Status.NOT_EVALUABLE, Why.notEvaluableTwice(doc, duplicate)).build();
    }
    Flag own = Flag.of(doc, path);
    at(b, file, doc.lineOf(own == Flag.ABSENT ? "oauthConfig" : path));
    if (own == Flag.TRUE) {
      return b.verdict(Status.PASS, Why.CA_PASS).build();
    }
    if (own == Flag.INVALID) {
      return b.verdict(Status.NOT_EVALUABLE, Why.caNotBoolean(doc.textOrNull(path))).build();
    }
    String ownText = own == Flag.FALSE ? Why.CA_OWN_FALSE : Why.CA_OWN_ABSENT;
    if (settings == null) {
      return b.verdict(Status.FAIL, Why.caFail(ownText, own == Flag.ABSENT,
          file.componentName(), null, Flag.ABSENT, null)).build();
    }
    b.relatedFile(settings.path());
    XmlDoc org = settings.doc();
    Flag orgFlag = Flag.of(org, "isPkceRequired");
    String orgWhere = settings.path() + ":" + org.lineOf("isPkceRequired");
    if (orgFlag == Flag.DUPLICATE) {
      return b.verdict(Status.NOT_EVALUABLE,
          Why.caOrgSettingTwice(ownText, org, settings.path())).build();
    }
    if (orgFlag == Flag.TRUE) {
      return b.verdict(Status.PASS, Why.caPassByOrg(ownText, orgWhere)).build();
    }
    return b.verdict(Status.FAIL, Why.caFail(ownText, own == Flag.ABSENT, file.componentName(),
        settings.path(), orgFlag, orgWhere)).build();
  }

  /** Why a Connected App without {@code oauthConfig} has no authorization-code flow. */
  static String withoutOauthReason(XmlDoc doc) {
    if (doc.has("samlConfig")) {
      return Why.CA_SAML_ONLY;
    }
    return doc.has("canvasConfig") ? Why.CA_CANVAS_ONLY : Why.CA_NO_OAUTH;
  }

  private static Finding externalClientApp(EcaParts eca, MetadataFile anchor,
      MetadataFile settings) {
    MetadataFile header = eca.first(MetadataType.EXTERNAL_CLIENT_APPLICATION);
    MetadataFile global = eca.first(MetadataType.ECA_GLOBAL_OAUTH_SETTINGS);
    MetadataFile policies = eca.first(MetadataType.ECA_POLICIES);
    Finding.Builder b = Settings.externalClientApp(Finding.builder(Control.EXTERNAL_CLIENT_APP_PKCE)
        .app(eca.name)
        .label(header != null ? header.doc().textOrNull("label") : null), eca.all);
    if (global != null) {
      Profiler.Result profile = Profiler.judge(global.doc(), "");
      b.profile(profile.profile, profile.evidence);
    }
    return eca(b, eca, anchor, global, policies, settings);
  }

  /** The verdict; every file of the app other than the deciding one is a related file. */
  private static Finding eca(Finding.Builder b, EcaParts eca, MetadataFile anchor,
      MetadataFile global, MetadataFile policies, MetadataFile settings) {
    if (policies != null) {
      XmlDoc p = policies.doc();
      Flag plugin = Flag.of(p, "isOauthPluginEnabled");
      if (plugin == Flag.DUPLICATE || plugin == Flag.FALSE) {
        related(b, eca, policies);
        return at(b, policies, p.lineOf("isOauthPluginEnabled")).verdict(
            plugin == Flag.FALSE ? Status.NOT_APPLICABLE : Status.NOT_EVALUABLE,
            plugin == Flag.FALSE ? Why.ECA_OAUTH_PLUGIN_OFF
                : Why.notEvaluableTwice(p, "isOauthPluginEnabled")).build();
      }
    }
    if (global == null) {
      related(b, eca, anchor);
      return at(b, anchor, anchor.doc().rootLine())
          .verdict(Status.NOT_EVALUABLE, Why.ecaNoGlobalSettings(eca.name)).build();
    }
    related(b, eca, global);
    XmlDoc doc = global.doc();
    String duplicate = duplicateOrNull(doc, "");
    if (duplicate != null) {
      return at(b, global, doc.lineOf(duplicate))
          .verdict(Status.NOT_EVALUABLE, Why.notEvaluableTwice(doc, duplicate)).build();
    }
    Flag flag = Flag.of(doc, "isPkceRequired");
    at(b, global, doc.lineOf(flag == Flag.ABSENT ? "" : "isPkceRequired"));
    switch (flag) {
      case TRUE:
        return b.verdict(Status.PASS, Why.ECA_PASS).build();
      case ABSENT:
        return b.verdict(Status.PASS, Why.ECA_PASS_DEFAULT).build();
      case FALSE:
        String orgTrueWhere = null;
        if (settings != null && Flag.of(settings.doc(), "isPkceRequired") == Flag.TRUE) {
          b.relatedFile(settings.path());
          orgTrueWhere = settings.path() + ":" + settings.doc().lineOf("isPkceRequired");
        }
        return b.verdict(Status.FAIL, Why.ecaFail(orgTrueWhere)).build();
      default:
        return b.verdict(Status.NOT_EVALUABLE,
            Why.ecaNotBoolean(doc.textOrNull("isPkceRequired"))).build();
    }
  }

  /** Locates the finding at a line of {@code file}, inside its zip if it came from one. */
  static Finding.Builder at(Finding.Builder b, MetadataFile file, int line) {
    return b.location(file.path(), line).archive(file.archiveOrNull());
  }

  static void related(Finding.Builder b, EcaParts eca, MetadataFile deciding) {
    for (MetadataFile f : eca.all) {
      if (f != deciding) {
        b.relatedFile(f.path());
      }
    }
  }

  /** The path of the first single-valued setting below {@code prefix} given twice, or null. */
  private static String duplicateOrNull(XmlDoc doc, String prefix) {
    for (String name : SINGLE_VALUED) {
      if (doc.all(prefix + name).size() > 1) {
        return prefix + name;
      }
    }
    return null;
  }

  /** The files of one External Client App, by type, in path order. */
  static final class EcaParts {
    final String name;
    final List<MetadataFile> all = new ArrayList<>();
    final Map<MetadataType, MetadataFile> firstByType = new EnumMap<>(MetadataType.class);

    EcaParts(String name) {
      this.name = name;
    }

    void add(MetadataFile f) {
      all.add(f);
      MetadataFile current = firstByType.get(f.type());
      if (current == null || f.path().compareTo(current.path()) < 0) {
        firstByType.put(f.type(), f);
      }
    }

    MetadataFile first(MetadataType type) {
      return firstByType.get(type);
    }
  }
}
