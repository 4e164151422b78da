package io.github.pkce4j.policy.internal;

import io.github.pkce4j.policy.AppUsage;
import io.github.pkce4j.policy.Control;
import io.github.pkce4j.policy.Finding;
import io.github.pkce4j.policy.MetadataType;
import io.github.pkce4j.policy.Report;
import io.github.pkce4j.policy.ScanError;
import io.github.pkce4j.policy.Status;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The text report for a terminal: a table with one line per app, details for the apps that fail
 * or could not be evaluated, the files that could not be read, and a summary line.
 */
public final class TextReport {
  private static final String RESET = "\u001b[0m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String DIM = "\u001b[2m";
  private static final String BOLD = "\u001b[1m";
  private static final int MAX_APP_WIDTH = 40;

  private final Appendable out;
  private final boolean colour;

  private TextReport(Appendable out, boolean colour) {
    this.out = out;
    this.colour = colour;
  }

  public static void write(Report report, Appendable out, boolean colour) throws IOException {
    new TextReport(out, colour).write(report);
  }

  private void write(Report report) throws IOException {
    if (!report.findings().isEmpty()) {
      int appWidth = 3;
      int ruleWidth = 12;
      for (Finding f : report.findings()) {
        appWidth = Math.max(appWidth, clip(f.app()).length());
        ruleWidth = Math.max(ruleWidth, f.control().ruleId().length() + 1);
      }
      line(style(BOLD, pad("STATUS", 14) + pad("RULE", ruleWidth) + pad("SEVERITY", 9)
          + pad("SCORE", 6) + pad("PROFILE", 13) + pad("APP", appWidth + 2) + "LOCATION"));
      for (Finding f : report.findings()) {
        boolean scored = f.status() == Status.FAIL || f.status() == Status.NOT_EVALUABLE;
        line(style(colourOf(f.status()), pad(label(f.status()), 14)) + pad(f.control().ruleId(), ruleWidth)
            + pad(f.severity().id(), 9) + pad(scored ? Decimal.of(f.score()) : "-", 6)
            + pad(f.profile().id(), 13) + pad(clip(f.app()), appWidth + 2)
            + safe(f.file()) + ":" + f.line());
      }
      boolean heading = false;
      Set<Control> fixShown = EnumSet.noneOf(Control.class);
      for (Finding f : inUseFirst(report)) {
        if (f.status() != Status.FAIL && f.status() != Status.NOT_EVALUABLE) {
          continue;
        }
        if (!heading) {
          line("");
          line(style(BOLD, "Details"));
          heading = true;
        }
        line("");
        line(style(colourOf(f.status()), label(f.status())) + "  " + safe(f.app())
            + (f.label().equals(f.app()) ? "" : " (" + safe(f.label()) + ")") + "  "
            + safe(f.file()) + ":" + f.line());
        line("  Control:  " + f.control().title() + " [" + f.control().ruleId() + "]");
        line("  Severity: " + f.severity().id() + ", CVSS " + Decimal.of(f.severity().cvssMin())
            + "-" + Decimal.of(f.severity().cvssMax()) + "; placed at " + Decimal.of(f.score())
            + " for a" + (f.profile().id().startsWith("u") ? "n " : " ") + f.profile().id()
            + " client");
        for (String evidence : f.profileEvidence()) {
          line("  Profile:  " + safe(evidence));
        }
        line("  Why:      " + safe(f.message()));
        AppUsage usage = report.usageOf(f);
        if (usage != null) {
          line("  Usage:    " + usageText(usage));
        }
        if (f.status() == Status.FAIL) {
          // The fix is the control's, the same for every app: given in full once.
          line("  Fix:      " + (fixShown.add(f.control()) ? f.remediation()
              : "as above for " + f.control().ruleId()));
        }
      }
    }
    writeBreakage(report);
    if (!report.errors().isEmpty()) {
      line("");
      line(style(BOLD, "Not read"));
      for (ScanError e : report.errors()) {
        line(style(RED, "ERROR") + "  " + safe(e.toString()));
      }
    }
    line("");
    line(report.summary());
  }

  /**
   * What requiring the failing controls would break: each failing app with its usage, apps in
   * use first; or, without an org, that usage is unknown.
   */
  private void writeBreakage(Report report) throws IOException {
    List<Finding> failing = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Finding f : inUseFirst(report)) {
      if (f.status() == Status.FAIL && report.usageOf(f) != null
          && seen.add(f.control().appType() + "\u0000" + f.app())) {
        failing.add(f);
      }
    }
    boolean anyAppFails = false;
    for (Finding f : report.findings()) {
      anyAppFails |= f.status() == Status.FAIL
          && f.control().appType() != MetadataType.OAUTH_OIDC_SETTINGS;
    }
    if (!anyAppFails) {
      return;
    }
    line("");
    line(style(BOLD, "What requiring these controls would break"));
    if (!report.usage().known()) {
      line("Usage unknown: these are files, not an org. Run pkce audit --target-org ALIAS to see"
          + " which failing apps hold OAuth tokens (are in use) before you change them.");
      return;
    }
    for (Finding f : failing) {
      AppUsage u = report.usageOf(f);
      line(style(u.inUse() ? RED : DIM, pad(u.inUse() ? "IN USE" : "unused", 8))
          + pad(clip(f.app()), MAX_APP_WIDTH + 1) + usageText(u));
    }
  }

  /** The findings with the apps in use first (most used first), each group in report order. */
  private static List<Finding> inUseFirst(Report report) {
    List<Finding> sorted = new ArrayList<>(report.findings());
    // A stable sort: apps not in use, and unknown usage, keep their report order.
    sorted.sort(Comparator.comparingLong((Finding f) -> {
      AppUsage u = report.usageOf(f);
      return u == null || !u.inUse() ? 0 : -1 - u.useCount();
    }));
    return sorted;
  }

  private static String usageText(AppUsage u) {
    if (!u.inUse()) {
      return "no OAuth tokens: not in use";
    }
    return "in use: " + u.tokens() + (u.tokens() == 1 ? " token, " : " tokens, ") + u.useCount()
        + (u.useCount() == 1 ? " use" : " uses") + (u.lastUsedOrNull() == null ? ""
            : ", last used " + Printable.shortText(u.lastUsedOrNull()));
  }

  private static String label(Status s) {
    switch (s) {
      case PASS:
        return "PASS";
      case FAIL:
        return "FAIL";
      case NOT_EVALUABLE:
        return "NOT EVALUABLE";
      default:
        return "N/A";
    }
  }

  private static String colourOf(Status s) {
    switch (s) {
      case PASS:
        return GREEN;
      case FAIL:
        return RED;
      case NOT_EVALUABLE:
        return YELLOW;
      default:
        return DIM;
    }
  }

  private String style(String code, String s) {
    return colour ? code + s + RESET : s;
  }

  private static String clip(String s) {
    return Printable.clean(s, MAX_APP_WIDTH - 1);
  }

  /** Input-derived text (names, paths, labels, evidence, messages), made safe to print. */
  private static String safe(String s) {
    return Printable.longText(s);
  }

  private static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    if (b.length() == s.length()) {
      b.append(' ');
    }
    return b.toString();
  }

  private void line(String s) throws IOException {
    out.append(s).append('\n');
  }
}
