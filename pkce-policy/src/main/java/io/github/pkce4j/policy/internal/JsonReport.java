package io.github.pkce4j.policy.internal;

import io.github.pkce4j.policy.AppUsage;
import io.github.pkce4j.policy.Control;
import io.github.pkce4j.policy.Finding;
import io.github.pkce4j.policy.Report;
import io.github.pkce4j.policy.ScanError;
import io.github.pkce4j.policy.ScannedFile;
import io.github.pkce4j.policy.Status;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON report. Its schema is {@code io/github/pkce4j/policy/pkce-audit-report.schema.json}
 * in this jar, described in the module README; field names and meanings are stable within a
 * {@code formatVersion}.
 */
public final class JsonReport {
  /** Bumped only when a field changes meaning or is removed; new fields do not bump it. */
  public static final int FORMAT_VERSION = 1;

  private JsonReport() {}

  public static void write(Report report, Appendable out) throws IOException {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("formatVersion", FORMAT_VERSION);
    Map<String, Object> tool = new LinkedHashMap<>();
    tool.put("name", "pkce4j");
    tool.put("version", Version.get());
    root.put("tool", tool);
    root.put("summary", summary(report));
    List<Object> controls = new ArrayList<>();
    for (Control c : report.controls()) {
      controls.add(c.ruleId());
    }
    root.put("controls", controls);
    root.put("usageKnown", report.usage().known());
    List<Object> findings = new ArrayList<>(report.findings().size());
    for (Finding f : report.findings()) {
      findings.add(finding(f, report.usageOf(f)));
    }
    root.put("findings", findings);
    List<Object> errors = new ArrayList<>(report.errors().size());
    for (ScanError e : report.errors()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", e.file());
      m.put("line", e.line());
      m.put("message", e.message());
      errors.add(m);
    }
    root.put("errors", errors);
    List<Object> files = new ArrayList<>(report.files().size());
    for (ScannedFile s : report.files()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", s.path());
      m.put("type", s.type().typeName());
      files.add(m);
    }
    root.put("files", files);
    JsonWriter.write(root, out);
  }

  private static Map<String, Object> summary(Report report) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("apps", report.findings().size());
    for (Status s : Status.values()) {
      m.put(camel(s.id()), report.count(s));
    }
    m.put("errors", report.errors().size());
    m.put("filesRead", report.files().size());
    return m;
  }

  private static Map<String, Object> finding(Finding f, AppUsage usage) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ruleId", f.control().ruleId());
    m.put("control", f.control().title());
    m.put("appType", f.control().appType().typeName());
    m.put("app", f.app());
    m.put("label", f.label());
    m.put("file", f.file());
    m.put("line", f.line());
    m.put("status", f.status().id());
    m.put("severity", f.severity().id());
    Map<String, Object> cvss = new LinkedHashMap<>();
    cvss.put("min", f.severity().cvssMin());
    cvss.put("max", f.severity().cvssMax());
    m.put("cvss", cvss);
    m.put("score", f.score());
    m.put("profile", f.profile().id());
    m.put("profileEvidence", new ArrayList<Object>(f.profileEvidence()));
    m.put("message", f.message());
    m.put("recommended", f.control().recommended());
    m.put("remediation", f.remediation());
    m.put("relatedFiles", new ArrayList<Object>(f.relatedFiles()));
    m.put("settings", new LinkedHashMap<String, Object>(f.settings()));
    if (usage != null) {
      m.put("usage", usage(usage));
    }
    return m;
  }

  /** The usage of one app, shared by the JSON and SARIF reports. */
  static Map<String, Object> usage(AppUsage u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("inUse", u.inUse());
    m.put("tokens", u.tokens());
    m.put("useCount", u.useCount());
    m.put("lastUsed", u.lastUsedOrNull());
    return m;
  }

  private static String camel(String id) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char c : id.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }
}
