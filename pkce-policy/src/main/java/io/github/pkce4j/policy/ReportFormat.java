package io.github.pkce4j.policy;

import io.github.pkce4j.policy.internal.CsvReport;
import io.github.pkce4j.policy.internal.JsonReport;
import io.github.pkce4j.policy.internal.SarifReport;
import io.github.pkce4j.policy.internal.TextReport;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * How a {@link Report} is written.
 *
 * @since 0.1.0
 */
public enum ReportFormat {
  /** A table for a terminal, one line per app, then details and a summary line. */
  TEXT,
  /**
   * JSON with a documented, stable schema, shipped in this jar as
   * {@code io/github/pkce4j/policy/pkce-audit-report.schema.json}.
   */
  JSON,
  /**
   * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: failing apps as {@code error}
   * results, apps that could not be evaluated as {@code note} results.
   */
  SARIF,
  /**
   * An inventory as CSV (RFC 4180): one row per app with its OAuth settings, client profile, the
   * status of each control evaluated and, from an org, its usage; safe to open in a spreadsheet
   * (no cell starts a formula).
   */
  CSV;

  /**
   * The format named {@code name}, case-insensitively ({@code text}, {@code json}, {@code sarif},
   * {@code csv}).
   *
   * @throws IllegalArgumentException naming the accepted formats
   * @param name the format name
   * @return the format
   */
  public static ReportFormat parse(String name) {
    Objects.requireNonNull(name, "name");
    for (ReportFormat f : values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown report format '" + name
        + "'; expected text, json, sarif or csv");
  }

  /**
   * Writes {@code report} to {@code out}, without colour.
   *
   * @param report the report to write
   * @param out where to write it
   * @throws IOException if writing to {@code out} fails
   */
  public void write(Report report, Appendable out) throws IOException {
    write(report, out, false);
  }

  /**
   * Writes {@code report} to {@code out}; {@code ansiColour} colours the {@link #TEXT} format's
   * statuses for a terminal and is ignored by the others.
   *
   * @param report the report to write
   * @param out where to write it
   * @param ansiColour {@code true} to colour the text format for a terminal
   * @throws IOException if writing to {@code out} fails
   */
  public void write(Report report, Appendable out, boolean ansiColour) throws IOException {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(out, "out");
    switch (this) {
      case TEXT:
        TextReport.write(report, out, ansiColour);
        break;
      case JSON:
        JsonReport.write(report, out);
        break;
      case CSV:
        CsvReport.write(report, out);
        break;
      default:
        SarifReport.write(report, out);
        break;
    }
  }

  /** {@return the lower-case name: {@code text}, {@code json}, {@code sarif}, {@code csv}} */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
