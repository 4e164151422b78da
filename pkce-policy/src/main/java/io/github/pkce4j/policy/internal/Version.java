package io.github.pkce4j.policy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This module's version, from the POM at build time. */
public final class Version {
  private static final String VERSION = load();

  private Version() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String v = p.getProperty("version");
        if (v != null && !v.startsWith("$")) {
          return v;
        }
      }
    } catch (IOException e) {
      // Fall through: a missing version must not stop a report.
    }
    return "development";
  }
}
