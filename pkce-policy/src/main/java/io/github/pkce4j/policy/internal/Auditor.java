package io.github.pkce4j.policy.internal;

import io.github.pkce4j.policy.Control;
import io.github.pkce4j.policy.Finding;
import io.github.pkce4j.policy.MetadataType;
import io.github.pkce4j.policy.ScanError;
import io.github.pkce4j.policy.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the two PKCE controls of salesforce-controls.md over parsed metadata files.
 *
 * <p>Joins are scoped to one input (a directory or zip is one org's metadata): an External Client
 * App's files are joined on {@code externalClientApplication}, and a connected app is paired with
 * the {@code OauthOidc.settings} of its own project folder. Everything is hashed, never compared
 * pairwise, so the cost grows with the number of files.
 */
public final class Auditor {
  private static final String SETTINGS = "OauthOidcSettings";
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
            errors.add(ScanError.at(f.path(), f.doc().rootLine(), twice(f.doc(),
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
      findings.add(connectedApp(app, orgSettings(app, candidates, projectRoots)));
    }
    for (EcaParts eca : ecas.values()) {
      eca.all.sort(Comparator.comparing(MetadataFile::path));
      MetadataFile anchor = eca.first(MetadataType.EXTERNAL_CLIENT_APPLICATION);
      anchor = anchor != null ? anchor : eca.all.get(0);
      findings.add(externalClientApp(eca, anchor,
          orgSettings(anchor, settingsByInput.get(anchor.input()), projectRoots)));
    }
    findings.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line)
        .thenComparing(f -> f.control().id()));
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
    Control control = Control.CONNECTED_APP_PKCE;
    Finding.Builder b = Finding.builder(control)
        .app(file.componentName())
        .label(doc.textOrNull("label"));
    if (!doc.has("oauthConfig")) {
      String why;
      if (doc.has("samlConfig")) {
        why = "a SAML-only app: it has samlConfig and no oauthConfig";
      } else if (doc.has("canvasConfig")) {
        why = "a canvas app without OAuth settings: it has canvasConfig and no oauthConfig";
      } else {
        why = "it has no oauthConfig (OAuth is not enabled; e.g. a managed-package stub)";
      }
      return at(b, file, doc.rootLine())
          .verdict(Status.NOT_APPLICABLE, "Not applicable: " + why + ", so there is no"
              + " authorization-code flow to protect.")
          .build();
    }
    Profiler.Result profile = Profiler.judge(doc, "oauthConfig/", "mobileAppConfig",
        "mobileStartUrl");
    b.profile(profile.profile, profile.evidence);
    String path = "oauthConfig/isPkceRequired";
    String duplicate = duplicateOrNull(doc, "oauthConfig/");
    if (duplicate != null) {
      return at(b, file, doc.lineOf(duplicate))
          .verdict(Status.NOT_EVALUABLE, notEvaluableTwice(doc, duplicate)).build();
    }
    Flag own = Flag.of(doc, path);
    at(b, file, doc.lineOf(own == Flag.ABSENT ? "oauthConfig" : path));
    if (own == Flag.TRUE) {
      return b.verdict(Status.PASS, path + " is true: the app requires PKCE for its"
          + " authorization-code flows.").build();
    }
    if (own == Flag.INVALID) {
      return b.verdict(Status.NOT_EVALUABLE, path + " holds '" + Printable.shortText(
          doc.textOrNull(path)) + "', which is not a boolean, so the setting cannot be read;"
          + " this is not a pass. Fix the value (true) and re-audit.").build();
    }
    String ownText = own == Flag.FALSE
        ? path + " is false"
        : "oauthConfig has no isPkceRequired element, so the setting has its default, false"
            + " (the field exists from API 59.0 on, so a file retrieved at an earlier API"
            + " version never has it)";
    Flag org = Flag.ABSENT;
    String orgWhere = null;
    if (settings != null) {
      b.relatedFile(settings.path());
      org = Flag.of(settings.doc(), "isPkceRequired");
      orgWhere = settings.path() + ":" + settings.doc().lineOf("isPkceRequired");
      if (org == Flag.DUPLICATE) {
        return b.verdict(Status.NOT_EVALUABLE, ownText + "; and the org-wide setting cannot be"
            + " read: " + SETTINGS + "/" + twice(settings.doc(), "isPkceRequired") + " in "
            + settings.path() + "; this is not a pass. Keep one element and re-audit.").build();
      }
    }
    if (org == Flag.TRUE) {
      return b.verdict(Status.PASS, ownText + "; but the org requires PKCE for every app's"
          + " authorization-code flows: " + SETTINGS + "/isPkceRequired is true in " + orgWhere
          + ".").build();
    }
    StringBuilder m = new StringBuilder(ownText)
        .append(", so the app does not require PKCE and an intercepted authorization code can"
            + " be redeemed without the code_verifier (RFC 7636 §1).");
    if (own == Flag.ABSENT) {
      m.append(" If the file was retrieved below API 59.0, re-retrieve it at 59.0 or later to read"
          + " the app's current value: sf project retrieve start -m ConnectedApp:")
          .append(Printable.shortText(file.componentName()))
          .append(" (sourceApiVersion 59.0+ in sfdx-project.json, or --api-version 59.0).");
    }
    if (settings == null) {
      m.append(" No OauthOidc.settings was found for the app's project (in a settings folder"
          + " beside the app's folder, or in its SFDX project), so the org-wide setting (default"
          + " false) was not checked.");
    } else if (org == Flag.FALSE) {
      m.append(" The org does not require PKCE either: " + SETTINGS + "/isPkceRequired is false"
          + " in ").append(orgWhere).append('.');
    } else {
      m.append(" The org does not require PKCE either: ").append(settings.path())
          .append(org == Flag.ABSENT ? " has no isPkceRequired element (default false)."
              : " has an isPkceRequired value that is not a boolean.");
    }
    return b.verdict(Status.FAIL, m.toString()).build();
  }

  private static Finding externalClientApp(EcaParts eca, MetadataFile anchor,
      MetadataFile settings) {
    Control control = Control.EXTERNAL_CLIENT_APP_PKCE;
    MetadataFile header = eca.first(MetadataType.EXTERNAL_CLIENT_APPLICATION);
    MetadataFile global = eca.first(MetadataType.ECA_GLOBAL_OAUTH_SETTINGS);
    MetadataFile policies = eca.first(MetadataType.ECA_POLICIES);
    Finding.Builder b = Finding.builder(control)
        .app(eca.name)
        .label(header != null ? header.doc().textOrNull("label") : null);
    if (global != null) {
      Profiler.Result profile = Profiler.judge(global.doc(), "");
      b.profile(profile.profile, profile.evidence);
    }
    return eca(b, eca, anchor, global, policies, settings);
  }

  /** The verdict; every file of the app other than the deciding one is a related file. */
  private static Finding eca(Finding.Builder b, EcaParts eca, MetadataFile anchor,
      MetadataFile global, MetadataFile policies, MetadataFile settings) {
    if (policies != null && policies.doc().all("isOauthPluginEnabled").size() > 1) {
      related(b, eca, policies);
      return at(b, policies, policies.doc().lineOf("isOauthPluginEnabled"))
          .verdict(Status.NOT_EVALUABLE, notEvaluableTwice(policies.doc(),
              "isOauthPluginEnabled"))
          .build();
    }
    if (policies != null
        && Flag.of(policies.doc(), "isOauthPluginEnabled") == Flag.FALSE) {
      related(b, eca, policies);
      return at(b, policies, policies.doc().lineOf("isOauthPluginEnabled"))
          .verdict(Status.NOT_APPLICABLE, "Not applicable: ExtlClntAppConfigurablePolicies/"
              + "isOauthPluginEnabled is false, so the app's OAuth plugin is off and there is no"
              + " authorization-code flow to protect.")
          .build();
    }
    if (global == null) {
      related(b, eca, anchor);
      return at(b, anchor, anchor.doc().rootLine())
          .verdict(Status.NOT_EVALUABLE, "Not evaluable: no ExtlClntAppGlobalOauthSettings"
              + " (.ecaGlblOauth) file for this app is in the input, and it is the file that holds"
              + " isPkceRequired; this is not a pass. Salesforce says that file must not be kept in"
              + " source control, and reading it needs the org permission \"Allow Access to OAuth"
              + " Consumer Secrets via Metadata API\". Retrieve it with sf project retrieve start"
              + " -m ExtlClntAppGlobalOauthSettings:" + Printable.shortText(eca.name)
              + "_glbloauth and audit it, or check the setting in the app's OAuth Settings in"
              + " Setup.")
          .build();
    }
    related(b, eca, global);
    XmlDoc doc = global.doc();
    String duplicate = duplicateOrNull(doc, "");
    if (duplicate != null) {
      return at(b, global, doc.lineOf(duplicate))
          .verdict(Status.NOT_EVALUABLE, notEvaluableTwice(doc, duplicate)).build();
    }
    Flag flag = Flag.of(doc, "isPkceRequired");
    at(b, global, doc.lineOf(flag == Flag.ABSENT ? "" : "isPkceRequired"));
    String path = "ExtlClntAppGlobalOauthSettings/isPkceRequired";
    switch (flag) {
      case TRUE:
        return b.verdict(Status.PASS, path + " is true: the app requires PKCE for its"
            + " authorization-code flows.").build();
      case ABSENT:
        return b.verdict(Status.PASS, "ExtlClntAppGlobalOauthSettings has no isPkceRequired"
            + " element; its default is true, so the app requires PKCE.").build();
      case FALSE:
        String org = "";
        if (settings != null && Flag.of(settings.doc(), "isPkceRequired") == Flag.TRUE) {
          b.relatedFile(settings.path());
          org = " The org-wide " + SETTINGS + "/isPkceRequired is true in " + settings.path()
              + ":" + settings.doc().lineOf("isPkceRequired") + ", but it is not counted for an"
              + " External Client App: Salesforce documents it for connected apps and the org's"
              + " authorization-code flows, and does not say that it overrides an External"
              + " Client App's own setting.";
        }
        return b.verdict(Status.FAIL, path + " is false: the app does not require PKCE, so an"
            + " intercepted authorization code can be redeemed without the code_verifier"
            + " (RFC 7636 §1)." + org).build();
      default:
        return b.verdict(Status.NOT_EVALUABLE, path + " holds '" + Printable.shortText(
            doc.textOrNull("isPkceRequired")) + "', which is not a boolean, so the setting"
            + " cannot be read; this is not a pass.").build();
    }
  }

  /** Locates the finding at a line of {@code file}, inside its zip if it came from one. */
  private static Finding.Builder at(Finding.Builder b, MetadataFile file, int line) {
    return b.location(file.path(), line).archive(file.archiveOrNull());
  }

  private static void related(Finding.Builder b, EcaParts eca, MetadataFile deciding) {
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

  private static String notEvaluableTwice(XmlDoc doc, String path) {
    return "Not evaluable: " + twice(doc, path) + "; a single-valued setting given more than"
        + " once cannot be read (one reader takes the first, another the last), so this is not"
        + " a pass. Keep one element and re-audit.";
  }

  /** "isPkceRequired occurs 2 times (lines 6, 7)". */
  private static String twice(XmlDoc doc, String path) {
    List<XmlDoc.Leaf> leaves = doc.all(path);
    StringBuilder lines = new StringBuilder();
    for (XmlDoc.Leaf leaf : leaves) {
      lines.append(lines.length() == 0 ? "" : ", ").append(leaf.line());
    }
    return path + " occurs " + leaves.size() + " times (lines " + lines + ")";
  }

  /** The files of one External Client App, by type, in path order. */
  private static final class EcaParts {
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
