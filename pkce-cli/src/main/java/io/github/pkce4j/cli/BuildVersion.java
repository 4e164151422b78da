package io.github.pkce4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * The tool's version, written into {@code version.properties} by Maven resource filtering from the
 * POM: the same {@code project.version} that the audit reports print as {@code tool.version}.
 */
final class BuildVersion implements CommandLine.IVersionProvider {
  private static final String VERSION = load();

  /** The version, e.g. {@code 0.1.0-SNAPSHOT}; never empty. */
  static String get() {
    return VERSION;
  }

  @Override
  public String[] getVersion() {
    return new String[] {"pkce " + VERSION};
  }

  private static String load() {
    try (InputStream in = BuildVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version", "");
        if (!v.isEmpty() && !v.startsWith("$")) {
          return v;
        }
      }
    } catch (IOException e) {
      // the message below says what is wrong with the jar
    }
    return "(unknown: this jar was built without Maven resource filtering of version.properties)";
  }
}
