package io.github.pkce4j.policy.internal;

import io.github.pkce4j.policy.AppUsage;
import io.github.pkce4j.policy.Control;
import io.github.pkce4j.policy.Finding;
import io.github.pkce4j.policy.Report;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inventory: one CSV row (RFC 4180) per app with its OAuth settings, client profile, the
 * status of every control evaluated and, from an org, its usage; for an admin who must report to
 * someone.
 *
 * <p>Security: a cell that a spreadsheet would run as a formula (starting with {@code =}, {@code
 * +}, {@code -}, {@code @}, tab or carriage return) is prefixed with {@code '} (OWASP CSV
 * injection); control characters become {@code ?} as in the text report, so a cell never holds a
 * line break; a cell with a comma or a quote is quoted, quotes doubled.
 */
public final class CsvReport {
  private CsvReport() {}

  /** One app: its findings by control, in report order. */
  private static final class Row {
    final Finding first;
    final Map<Control, Finding> byControl = new EnumMap<>(Control.class);
    final Set<String> files = new LinkedHashSet<>();
    final Map<String, String> settings = new LinkedHashMap<>();

    Row(Finding first) {
      this.first = first;
    }
  }

  /** Writes {@code report} as the inventory: a header row, then one row per app. */
  public static void write(Report report, Appendable out) throws IOException {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (Finding f : report.findings()) {
      Row row = rows.computeIfAbsent(f.control().appType().typeName() + "\u0000" + f.app(),
          k -> new Row(f));
      row.byControl.put(f.control(), f);
      row.files.add(f.file());
      row.settings.putAll(f.settings());
    }
    List<String> header = new ArrayList<>();
    header.add("appType");
    header.add("app");
    header.add("label");
    header.add("profile");
    header.add("files");
    for (String column : Settings.COLUMNS) {
      header.add(column);
    }
    for (Control c : report.controls()) {
      header.add(c.ruleId());
    }
    header.add("inUse");
    header.add("tokens");
    header.add("useCount");
    header.add("lastUsed");
    line(out, header);
    for (Row row : rows.values()) {
      Finding f = row.first;
      List<String> cells = new ArrayList<>();
      cells.add(f.control().appType().typeName());
      cells.add(f.app());
      cells.add(f.label());
      cells.add(f.profile().id());
      cells.add(String.join(";", row.files));
      for (String column : Settings.COLUMNS) {
        String v = row.settings.get(column);
        cells.add(v == null ? "" : v);
      }
      for (Control c : report.controls()) {
        Finding verdict = row.byControl.get(c);
        cells.add(verdict == null ? "" : verdict.status().id());
      }
      AppUsage u = report.usageOf(f);
      if (u == null) {
        String unknown = report.usage().known() ? "" : "unknown";
        for (int i = 0; i < 4; i++) {
          cells.add(unknown);
        }
      } else {
        cells.add(Boolean.toString(u.inUse()));
        cells.add(Long.toString(u.tokens()));
        cells.add(Long.toString(u.useCount()));
        cells.add(u.lastUsedOrNull() == null ? "" : u.lastUsedOrNull());
      }
      line(out, cells);
    }
  }

  private static void line(Appendable out, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
  }

  /** One cell, safe for a spreadsheet and quoted as RFC 4180 section 2 asks. */
  static String cell(String raw) {
    String s = raw;
    if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
      s = "'" + s;
    }
    s = Printable.longText(s);
    if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }
}
