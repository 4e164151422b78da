package io.github.pkce4j.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The result of an audit: one {@link Finding} per app and control, the files read, and the files
 * that could not be read. Immutable.
 *
 * <p>Security: a report with {@link #errors()} is incomplete; a gate should not read "no
 * failures" as "all apps require PKCE" unless {@link #errors()} is empty too.
 *
 * @since 0.1.0
 */
public final class Report {
  private final List<Finding> findings;
  private final List<ScanError> errors;
  private final List<ScannedFile> files;
  private final Set<Control> controls;
  private final OrgUsage usage;

  private Report(List<Finding> findings, List<ScanError> errors, List<ScannedFile> files,
      Set<Control> controls, OrgUsage usage) {
    this.findings = Collections.unmodifiableList(new ArrayList<>(findings));
    this.errors = Collections.unmodifiableList(new ArrayList<>(errors));
    this.files = Collections.unmodifiableList(new ArrayList<>(files));
    Set<Control> c = EnumSet.noneOf(Control.class);
    c.addAll(controls);
    this.controls = Collections.unmodifiableSet(c);
    this.usage = usage;
  }

  /**
   * {@return a report of these parts, kept in the given order}
   *
   * @param findings the findings
   * @param errors the files that could not be read
   * @param files the files read
   */
  public static Report of(List<Finding> findings, List<ScanError> errors, List<ScannedFile> files) {
    return of(findings, errors, files, Control.defaults(), OrgUsage.unknown());
  }

  /**
   * {@return a report of these parts, kept in the given order}
   *
   * @param findings the findings
   * @param errors the files that could not be read
   * @param files the files read
   * @param controls the controls that were evaluated
   * @param usage which apps are in use, or {@link OrgUsage#unknown()}
   */
  public static Report of(List<Finding> findings, List<ScanError> errors, List<ScannedFile> files,
      Set<Control> controls, OrgUsage usage) {
    return new Report(Objects.requireNonNull(findings, "findings"),
        Objects.requireNonNull(errors, "errors"), Objects.requireNonNull(files, "files"),
        Objects.requireNonNull(controls, "controls"), Objects.requireNonNull(usage, "usage"));
  }

  /** {@return the controls that were evaluated, in declaration order} */
  public Set<Control> controls() {
    return controls;
  }

  /** {@return which apps are in use in the org, or unknown usage for an audit of files} */
  public OrgUsage usage() {
    return usage;
  }

  /**
   * {@return the usage of the finding's app, or {@code null} when usage is unknown (or the
   * finding is about the org's settings rather than an app)}
   *
   * @param f a finding of this report
   */
  public AppUsage usageOf(Finding f) {
    if (f.control().appType() == MetadataType.OAUTH_OIDC_SETTINGS) {
      return null;
    }
    return usage.forApp(f.label(), f.app());
  }

  /** {@return one finding per app and control, ordered by file, then line} */
  public List<Finding> findings() {
    return findings;
  }

  /**
   * {@return files and inputs that could not be read; the rest of the scan went on without them}
   */
  public List<ScanError> errors() {
    return errors;
  }

  /** {@return every metadata file read and classified} */
  public List<ScannedFile> files() {
    return files;
  }

  /**
   * {@return how many findings have {@code status}}
   *
   * @param status the verdict
   */
  public int count(Status status) {
    int n = 0;
    for (Finding f : findings) {
      if (f.status() == status) {
        n++;
      }
    }
    return n;
  }

  /**
   * {@return true if some finding {@link Status#FAIL fails} with a severity at or above {@code
   * threshold}}
   *
   * @param threshold the lowest severity that counts
   */
  public boolean hasFailuresAtOrAbove(Severity threshold) {
    Objects.requireNonNull(threshold, "threshold");
    for (Finding f : findings) {
      if (f.status() == Status.FAIL && f.severity().isAtLeast(threshold)) {
        return true;
      }
    }
    return false;
  }

  /** {@return true if some input or file could not be read} */
  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /**
   * {@return one line for a log or a terminal: apps per status, failures per severity, files read
   * and errors, e.g. {@code pkce audit: 3 apps: 1 fail (1 critical), 2 pass, 0 not evaluable, 0 not
   * applicable; 3 files read, 0 errors}; with more than one control per app, {@code 3 apps, 6
   * findings: …} and the counts are of findings}
   */
  public String summary() {
    int fail = count(Status.FAIL);
    StringBuilder b = new StringBuilder("pkce audit: ");
    Set<String> apps = new HashSet<>();
    for (Finding f : findings) {
      apps.add(f.control().appType().typeName() + "\u0000" + f.app());
    }
    if (apps.size() == findings.size()) {
      b.append(plural(findings.size(), "app"));
    } else {
      // More than one control per app: the counts below are findings, not apps.
      b.append(plural(apps.size(), "app")).append(", ")
          .append(plural(findings.size(), "finding"));
    }
    b.append(": ").append(fail).append(" fail");
    if (fail > 0) {
      b.append(" (").append(failuresBySeverity()).append(')');
    }
    return b.append(", ").append(count(Status.PASS)).append(" pass, ")
        .append(count(Status.NOT_EVALUABLE)).append(" not evaluable (could not be checked), ")
        .append(count(Status.NOT_APPLICABLE)).append(" not applicable; ")
        .append(plural(files.size(), "file")).append(" read, ")
        .append(errors.size()).append(errors.size() == 1 ? " error" : " errors")
        .append(hasErrors() ? " (the audit is incomplete)" : "")
        .toString();
  }

  /** "1 critical, 2 high": the failures per severity, most severe first, none left out. */
  private String failuresBySeverity() {
    StringBuilder b = new StringBuilder();
    for (Severity s : Severity.values()) {
      int n = 0;
      for (Finding f : findings) {
        if (f.status() == Status.FAIL && f.severity() == s) {
          n++;
        }
      }
      if (n > 0) {
        b.append(b.length() == 0 ? "" : ", ").append(n).append(' ').append(s.id());
      }
    }
    return b.toString();
  }

  private static String plural(int n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  @Override
  public String toString() {
    return "Report[" + findings.size() + " findings, " + count(Status.FAIL) + " failing, "
        + errors.size() + " errors, " + files.size() + " files]";
  }
}
