package io.github.pkce4j.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;

/** The test fixtures under src/test/resources/fixtures, one folder per case. */
final class Fixtures {
  private Fixtures() {}

  static Path root() {
    URL url = Fixtures.class.getResource("/fixtures");
    try {
      return Paths.get(url.toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  static Path dir(String name) {
    return root().resolve(name);
  }

  /** Scans one fixture folder, with paths reported relative to the fixtures root. */
  static Report scan(String name) {
    return PkceAudit.builder().workingDirectory(root()).build().scan(dir(name));
  }

  /** The one finding for {@code app}; fails if there is none or several. */
  static Finding finding(Report report, String app) {
    List<Finding> found = report.findings().stream().filter(f -> f.app().equals(app))
        .collect(Collectors.toList());
    if (found.size() != 1) {
      fail("expected one finding for " + app + ", got " + found + " in " + report.findings());
    }
    return found.get(0);
  }

  static void assertNoErrors(Report report) {
    assertEquals("[]", report.errors().toString(), "scan errors");
  }
}
