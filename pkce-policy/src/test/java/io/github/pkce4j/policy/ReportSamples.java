package io.github.pkce4j.policy;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** A report with every status, a zip input and an unreadable file, for the renderer tests. */
final class ReportSamples {
  private ReportSamples() {}

  static Report mixed(Path tmp) throws IOException {
    Path zip = tmp.resolve("retrieve.zip");
    Path mdapi = Fixtures.dir("mdapi-layout/src");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String entry : new String[] {"connectedApps/Api_Client.connectedApp",
          "connectedApps/Native_Client.connectedApp", "settings/OauthOidc.settings",
          "package.xml"}) {
        out.putNextEntry(new ZipEntry("unpackaged/" + entry));
        out.write(Files.readAllBytes(mdapi.resolve(entry)));
      }
    }
    Path broken = Files.createDirectories(tmp.resolve("broken/connectedApps"))
        .resolve("Broken.connectedApp-meta.xml");
    Files.write(broken, "<ConnectedApp><oauthConfig></ConnectedApp>".getBytes(UTF_8));
    List<Path> inputs = new ArrayList<>();
    for (String fixture : new String[] {"ca-required", "ca-absent-field", "saml-only",
        "eca-complete", "eca-no-global", "loopback"}) {
      inputs.add(copy(Fixtures.dir(fixture), tmp.resolve(fixture)));
    }
    inputs.add(zip);
    inputs.add(broken.getParent().getParent());
    return PkceAudit.builder().workingDirectory(tmp).build().scan(inputs);
  }

  /** Copies a fixture folder so that every input lies below one working directory. */
  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }
}
