package io.github.pkce4j.interop.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every pkce4j version a README gives (Maven and Gradle coordinates, jar and archive names) is
 * the version the build makes, so a snippet copied from any README resolves against what
 * {@code ./mvnw install} put in the local repository. The build passes its version in the
 * system property {@code pkce4j.projectVersion} (see this module's POM).
 */
class ReadmeVersionsTest {
  private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();

  /** Maven: a pkce4j artifactId followed by its version element. */
  private static final Pattern MAVEN = Pattern.compile(
      "<artifactId>(pkce-[a-z-]+|pkce4j-parent)</artifactId>\\s*<version>([^<]*)</version>");
  /** Gradle and other group:artifact:version notations. */
  private static final Pattern COORDINATES =
      Pattern.compile("io\\.github\\.pkce4j:(pkce-[a-z-]+):([0-9][^\"'\\s)]*)");
  /** File names: pkce-cli-VERSION-all.jar, pkce-cli-VERSION-bin.zip, pkce-VERSION/bin/pkce. */
  private static final Pattern FILES = Pattern.compile(
      "pkce-[a-z]+-([0-9][0-9A-Za-z.]*(?:-SNAPSHOT)?)(?:-all\\.jar|-bin\\.zip|-bin\\.tar\\.gz|\\.jar)"
          + "|pkce-([0-9][0-9A-Za-z.]*(?:-SNAPSHOT)?)/bin");

  @Test
  void everyReadmeVersion_isTheBuildVersion() throws IOException {
    String version = System.getProperty("pkce4j.projectVersion");
    assertNotNull(version, "run by Maven, which sets pkce4j.projectVersion");
    List<String> found = new ArrayList<>();
    List<String> wrong = new ArrayList<>();
    for (Path readme : readmes()) {
      String text = new String(Files.readAllBytes(readme), StandardCharsets.UTF_8);
      String where = ROOT.relativize(readme).toString();
      collect(MAVEN.matcher(text), 2, where, version, found, wrong);
      collect(COORDINATES.matcher(text), 2, where, version, found, wrong);
      Matcher files = FILES.matcher(text);
      while (files.find()) {
        String given = files.group(1) != null ? files.group(1) : files.group(2);
        record(where, files.group(), given, version, found, wrong);
      }
    }
    assertEquals(List.of(), wrong, "README versions that are not the build's " + version);
    // The root README's Maven and Gradle snippets at least: a pattern that stopped matching
    // would otherwise pass this test with nothing checked.
    assertTrue(found.stream().filter(f -> f.startsWith("README.md")).count() >= 4,
        "too few versions found in README.md: " + found);
  }

  private static void collect(Matcher matcher, int group, String where, String version,
      List<String> found, List<String> wrong) {
    while (matcher.find()) {
      record(where, matcher.group().replaceAll("\\s+", " "), matcher.group(group), version,
          found, wrong);
    }
  }

  private static void record(String where, String match, String given, String version,
      List<String> found, List<String> wrong) {
    found.add(where + ": " + match);
    if (!given.equals(version)) {
      wrong.add(where + ": " + match);
    }
  }

  /** README.md at the root and in every module, not in build output. */
  private static List<Path> readmes() throws IOException {
    try (Stream<Path> paths = Files.walk(ROOT, 2)) {
      return paths.filter(p -> p.getFileName().toString().equals("README.md"))
          .filter(p -> !p.toString().contains("/target/"))
          .sorted()
          .collect(Collectors.toList());
    }
  }
}
