package io.github.pkce4j.cli;

import io.github.pkce4j.policy.Control;
import io.github.pkce4j.policy.Finding;
import io.github.pkce4j.policy.OrgAudit;
import io.github.pkce4j.policy.OrgAuditException;
import io.github.pkce4j.policy.PkceAudit;
import io.github.pkce4j.policy.Report;
import io.github.pkce4j.policy.ReportFormat;
import io.github.pkce4j.policy.ScanError;
import io.github.pkce4j.policy.Severity;
import io.github.pkce4j.policy.Status;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pkce audit}: which Salesforce Connected Apps and External Client Apps do not require
 * PKCE (and, with {@code --controls}, fail the OAuth controls around it), from retrieved metadata
 * or, with {@code --target-org}, from a live org through the admin's {@code sf} CLI. Exit 0 when nothing fails at or above {@code --fail-on}, 1 when
 * something does (or, with {@code --fail-on-not-evaluable}, when an app could not be checked), 2
 * when an input could not be read (the rest is still scanned and reported), no app metadata was
 * found, the usage is wrong or the audit itself failed (even for lack of memory): 1 always means
 * "an app fails" to a CI gate, never "the audit broke".
 */
@Command(name = "audit",
    mixinStandardHelpOptions = true,
    description = {
        "Check retrieved Salesforce metadata for the two Security Health Review PKCE controls:"
            + " Connected Apps and External Client Apps that do not require PKCE (RFC 7636)."
            + " --controls adds the OAuth controls around PKCE.",
        "PATH is a directory (SFDX source or Metadata API layout), a retrieve .zip, or a"
            + " metadata file. Or give --target-org ALIAS to retrieve from the org through the"
            + " Salesforce CLI (sf) on the PATH, with each app's OAuth token usage: what requiring"
            + " a control would break.",
        "Exit 0 when nothing fails at or above --fail-on, 1 when something does (or, with"
            + " --fail-on-not-evaluable, when an app could not be checked), 2 when an input could"
            + " not be read (the other inputs are still scanned and reported), when no Connected"
            + " App or External Client App metadata was found, when sf is missing, the org is not"
            + " authorised or sf failed, or when the audit itself failed."})
final class AuditCommand implements Callable<Integer> {
  /** Which failures make the command exit 1: a severity threshold, or a list of rule ids. */
  static final class FailOn {
    private final Severity threshold;
    private final Set<Control> rules;

    private FailOn(Severity threshold, Set<Control> rules) {
      this.threshold = threshold;
      this.rules = rules;
    }

    boolean failed(Report report) {
      if (rules != null) {
        for (Finding f : report.findings()) {
          if (f.status() == Status.FAIL && rules.contains(f.control())) {
            return true;
          }
        }
        return false;
      }
      return threshold != null && report.hasFailuresAtOrAbove(threshold);
    }

    /** A rule named by {@code --fail-on} that {@code evaluated} leaves out, or null. */
    Control ruleNotIn(Set<Control> evaluated) {
      if (rules != null) {
        for (Control c : rules) {
          if (!evaluated.contains(c)) {
            return c;
          }
        }
      }
      return null;
    }

    static FailOn parse(String s) {
      switch (s.toLowerCase(Locale.ROOT)) {
        case "critical":
          return new FailOn(Severity.CRITICAL, null);
        case "high":
          return new FailOn(Severity.HIGH, null);
        case "any":
          return new FailOn(Severity.LOW, null);
        case "none":
          return new FailOn(null, null);
        default:
          break;
      }
      Set<Control> rules = EnumSet.noneOf(Control.class);
      for (String id : s.split(",", -1)) {
        Control match = null;
        for (Control c : Control.values()) {
          if (c.ruleId().equalsIgnoreCase(id.trim())) {
            match = c;
          }
        }
        if (match == null) {
          throw new IllegalArgumentException("unknown --fail-on value '" + s
              + "'; expected critical, high, any, none or rule ids such as SF-CA-PKCE");
        }
        rules.add(match);
      }
      return new FailOn(null, rules);
    }
  }

  /** Names the sf executable instead of the PATH's; for tests and unusual installs. */
  static final String SF_PROPERTY = "pkce4j.sf";

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "PATH",
      description = "Directories, retrieve .zip files or metadata files to audit.")
  private List<Path> paths;

  @Option(names = "--target-org", paramLabel = "ALIAS",
      description = "Audit this org instead of files: sf project retrieve start into a private"
          + " temporary folder (always deleted) and sf data query on OauthToken for each app's"
          + " usage. Needs sf on the PATH, logged in (sf org login web --alias ALIAS).")
  private String targetOrg;

  @Option(names = "--controls", paramLabel = "LIST", defaultValue = "pkce",
      description = "Comma-separated control groups: pkce, web-server-secret, refresh-secret,"
          + " refresh-rotation, refresh-lifetime, ip-relaxation, device-flow, org-flows, or all."
          + " Default: pkce.")
  private String controls;

  @Option(names = "--format", paramLabel = "text|json|sarif|csv", defaultValue = "text",
      description = "Report format. Default: text. sarif is SARIF 2.1.0 for GitHub code scanning;"
          + " csv is an inventory, one row per app.")
  private String format;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  private Path output;

  @Option(names = "--fail-on", paramLabel = "critical|high|any|none|RULES", defaultValue = "any",
      description = "Exit 1 when an app fails a control of this severity or above, or one of"
          + " these comma-separated rule ids (e.g. SF-CA-PKCE,SF-ECA-PKCE). Default: any.")
  private String failOn;

  @Option(names = "--fail-on-not-evaluable",
      description = "Also exit 1 when an app could not be checked (not evaluable: e.g. an External"
          + " Client App without its .ecaGlblOauth file, or a setting given twice).")
  private boolean failOnNotEvaluable;

  @Override
  public Integer call() {
    try {
      return audit();
    } catch (OutOfMemoryError e) {
      // Exit 2, never 1: 1 tells a CI gate that an app fails.
      spec.commandLine().getErr().println("pkce audit: out of memory; the audit did not finish"
          + " (raise -Xmx, or audit fewer inputs at once)");
      return PkceCommand.EXIT_BAD_INPUT;
    } catch (RuntimeException | StackOverflowError e) {
      spec.commandLine().getErr().println("pkce audit: internal error ("
          + e.getClass().getName() + "); the audit did not finish");
      return PkceCommand.EXIT_BAD_INPUT;
    }
  }

  private int audit() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ReportFormat reportFormat;
    FailOn threshold;
    Set<Control> chosen;
    try {
      reportFormat = ReportFormat.parse(format);
      threshold = FailOn.parse(failOn);
      chosen = Control.parseGroups(controls);
    } catch (IllegalArgumentException e) {
      err.println("pkce audit: " + e.getMessage());
      return PkceCommand.EXIT_BAD_INPUT;
    }
    Control notEvaluated = threshold.ruleNotIn(chosen);
    if (notEvaluated != null) {
      err.println("pkce audit: --fail-on names " + notEvaluated.ruleId() + ", which --controls "
          + controls + " does not evaluate; add its group, " + notEvaluated.group());
      return PkceCommand.EXIT_BAD_INPUT;
    }
    boolean hasPaths = paths != null && !paths.isEmpty();
    if (hasPaths == (targetOrg != null)) {
      err.println("pkce audit: " + (hasPaths ? "give PATH or --target-org, not both"
          : "PATH or --target-org ALIAS is required") + "; run 'pkce audit --help' for the"
          + " options");
      return PkceCommand.EXIT_BAD_INPUT;
    }

    PkceAudit.Builder audit = PkceAudit.builder().controls(chosen);
    AuditProgress progress = StdinValues.interactiveConsole() != null ? new AuditProgress(err)
        : null;
    if (progress != null) {
      audit.onFileRead(progress);
    }
    Report report;
    if (hasPaths) {
      report = audit.build().scan(paths);
    } else {
      try {
        OrgAudit.Builder org = OrgAudit.builder();
        String sf = System.getProperty(SF_PROPERTY);
        if (sf != null && !sf.isEmpty()) {
          org.sfExecutable(Paths.get(sf));
        }
        report = org.build().audit(targetOrg, audit);
      } catch (OrgAuditException e) {
        // The message is one line, cleaned, and says what to install or run.
        err.println("pkce audit: " + TerminalText.line(e.getMessage()));
        return PkceCommand.EXIT_BAD_INPUT;
      }
    }

    if (progress != null) {
      progress.clear();
    }
    try {
      if (output == null) {
        reportFormat.write(report, out, reportFormat == ReportFormat.TEXT && stdoutIsTerminal());
        out.flush();
      } else {
        try (Writer w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
          reportFormat.write(report, w);
        }
        err.println("pkce audit: wrote the " + reportFormat.id() + " report to " + output);
        err.println(report.summary());
      }
    } catch (IOException e) {
      err.println("pkce audit: cannot write the report to " + output + "; "
          + TerminalText.line(Failures.whyUnwritable(output, e)));
      return PkceCommand.EXIT_BAD_INPUT;
    }
    for (ScanError e : report.errors()) {
      // ScanError.toString() is cleaned for a terminal; an input without app metadata is one.
      err.println("pkce audit: " + e);
    }
    if (report.hasErrors()) {
      return PkceCommand.EXIT_BAD_INPUT;
    }
    if (threshold.failed(report)) {
      return PkceCommand.EXIT_FAILED;
    }
    return failOnNotEvaluable && report.count(Status.NOT_EVALUABLE) > 0
        ? PkceCommand.EXIT_FAILED : 0;
  }

  /**
   * True when standard output is an interactive terminal and colour is not turned off with
   * {@code NO_COLOR} (no-color.org). On JDK 22+ {@link System#console()} exists even when output
   * is redirected, so {@code Console.isTerminal()} is asked where it exists.
   */
  static boolean stdoutIsTerminal() {
    String noColor = System.getenv("NO_COLOR");
    return (noColor == null || noColor.isEmpty()) && StdinValues.interactiveConsole() != null;
  }
}
