package io.github.pkce4j.policy.internal;

import io.github.pkce4j.policy.AppUsage;
import io.github.pkce4j.policy.ClientProfile;
import io.github.pkce4j.policy.Control;
import io.github.pkce4j.policy.Finding;
import io.github.pkce4j.policy.Report;
import io.github.pkce4j.policy.ScanError;
import io.github.pkce4j.policy.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SARIF 2.1.0 report, shaped for GitHub code scanning: both controls as rules (with help and
 * {@code security-severity}), a result per failing app ({@code error}) and per app that could not
 * be evaluated ({@code note}), and unreadable files as tool execution notifications.
 * Passing and not-applicable apps are left out: they are not alerts.
 */
public final class SarifReport {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String INFORMATION_URI = "https://github.com/pkce4j/pkce4j";

  private SarifReport() {}

  public static void write(Report report, Appendable out) throws IOException {
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("name", "pkce4j");
    driver.put("informationUri", INFORMATION_URI);
    driver.put("semanticVersion", Version.get().replace("-SNAPSHOT", ""));
    driver.put("version", Version.get());
    List<Object> rules = new ArrayList<>();
    for (Control c : Control.values()) {
      rules.add(rule(c));
    }
    driver.put("rules", rules);

    List<Object> results = new ArrayList<>();
    for (Finding f : report.findings()) {
      if (f.status() == Status.FAIL || f.status() == Status.NOT_EVALUABLE) {
        results.add(result(f, report.usageOf(f)));
      }
    }

    Map<String, Object> invocation = new LinkedHashMap<>();
    invocation.put("executionSuccessful", !report.hasErrors());
    List<Object> notifications = new ArrayList<>();
    for (ScanError e : report.errors()) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("level", "error");
      n.put("message", text(e.file() + (e.line() > 0 ? ":" + e.line() : "") + ": "
          + e.message()));
      n.put("locations", Arrays.<Object>asList(location(e.archiveOrNull(), e.file(), e.line())));
      notifications.add(n);
    }
    if (!notifications.isEmpty()) {
      invocation.put("toolExecutionNotifications", notifications);
    }

    Map<String, Object> run = new LinkedHashMap<>();
    Map<String, Object> tool = new LinkedHashMap<>();
    tool.put("driver", driver);
    run.put("tool", tool);
    run.put("invocations", Arrays.<Object>asList(invocation));
    run.put("columnKind", "utf16CodeUnits");
    run.put("results", results);

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    root.put("runs", Arrays.<Object>asList(run));
    JsonWriter.write(root, out);
  }

  private static Map<String, Object> rule(Control c) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", c.ruleId());
    r.put("name", c.ruleName());
    r.put("shortDescription", text(c.appType().typeName() + " does not require PKCE"));
    r.put("fullDescription", text(c.title() + ". Recommended: " + c.recommended() + "."));
    String help = c.title() + "\n\nRecommended: " + c.recommended() + ".\n\nWithout PKCE (RFC"
        + " 7636), an authorization code intercepted on its way back to the app can be redeemed"
        + " by someone else. The risk is highest for public clients (mobile, desktop, single-page"
        + " apps) that have no secret, and lower for confidential clients that keep one on a"
        + " server.\n\nFix: " + c.remediation();
    String markdown = "**" + c.title() + "**\n\nRecommended: " + c.recommended() + ".\n\n"
        + "Without PKCE ([RFC 7636](https://www.rfc-editor.org/rfc/rfc7636)), an authorization"
        + " code intercepted on its way back to the app can be redeemed by someone else. The risk"
        + " is highest for public clients (mobile, desktop, single-page apps) that have no"
        + " secret, and lower for confidential clients that keep one on a server.\n\n"
        + "**Fix:** " + c.remediation().replace("<", "&lt;").replace(">", "&gt;");
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("text", help);
    h.put("markdown", markdown);
    r.put("help", h);
    r.put("helpUri", INFORMATION_URI);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("level", "error");
    r.put("defaultConfiguration", config);
    Map<String, Object> props = new LinkedHashMap<>();
    // GitHub reads severity per rule; the middle of the control's range keeps its band.
    props.put("security-severity", Decimal.of(c.severity().place(ClientProfile.UNKNOWN)));
    props.put("tags", Arrays.<Object>asList("security", "salesforce", "oauth", "pkce"));
    props.put("precision", "very-high");
    props.put("problem.severity", "error");
    r.put("properties", props);
    return r;
  }

  private static Map<String, Object> result(Finding f, AppUsage usage) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("ruleId", f.control().ruleId());
    r.put("ruleIndex", f.control().ordinal());
    boolean fail = f.status() == Status.FAIL;
    r.put("level", fail ? "error" : "note");
    String subject = f.control().appType().typeName() + " " + f.app();
    String head = !fail ? subject + " could not be evaluated"
        : f.control().isDefault() ? subject + " does not require PKCE"
        : subject + " fails " + f.control().title();
    r.put("message", text(head + " (" + f.profile().id() + " client, score "
        + Decimal.of(f.score()) + "). " + f.message()));
    r.put("locations", Arrays.<Object>asList(location(f.archiveOrNull(), f.file(), f.line())));
    Map<String, Object> fingerprints = new LinkedHashMap<>();
    fingerprints.put("pkce4jApp/v1", sha256(f.control().ruleId() + "\u0000" + f.app() + "\u0000"
        + f.file()));
    r.put("partialFingerprints", fingerprints);
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("status", f.status().id());
    props.put("app", f.app());
    props.put("profile", f.profile().id());
    props.put("profileEvidence", new ArrayList<Object>(f.profileEvidence()));
    props.put("score", f.score());
    if (usage != null) {
      props.put("usage", JsonReport.usage(usage));
    }
    r.put("properties", props);
    return r;
  }

  /**
   * A physical location. A file inside a zip is located at the zip (SARIF URIs cannot point into
   * an archive that code scanning could open), without a region.
   */
  private static Map<String, Object> location(String archive, String file, int line) {
    Map<String, Object> artifactLocation = new LinkedHashMap<>();
    artifactLocation.put("uri", uri(archive != null ? archive : file));
    Map<String, Object> physical = new LinkedHashMap<>();
    physical.put("artifactLocation", artifactLocation);
    if (archive == null && line > 0) {
      Map<String, Object> region = new LinkedHashMap<>();
      region.put("startLine", line);
      physical.put("region", region);
    }
    Map<String, Object> location = new LinkedHashMap<>();
    location.put("physicalLocation", physical);
    return location;
  }

  /** A relative URI reference for a relative path, a file URI for an absolute one (RFC 3986). */
  static String uri(String path) {
    StringBuilder b = new StringBuilder();
    if (path.startsWith("/")) {
      b.append("file://");
    }
    byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
    for (byte x : bytes) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-._~/!$&'()*+,;=@".indexOf(c) >= 0) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return b.toString();
  }

  private static Map<String, Object> text(String s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", s);
    return m;
  }

  private static String sha256(String s) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder();
      for (byte x : digest) {
        b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
