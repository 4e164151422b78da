import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks a staged Maven Central bundle (a repository-layout folder, as release/dry-run.sh
 * deploys it) before it is uploaded. Run with a JDK 11+ alone:
 *
 * <pre>java release/CheckBundle.java STAGING_DIR VERSION [--signed]</pre>
 *
 * <p>For every published module it requires the POM with the elements Central requires (name,
 * description, url, licenses, developers, scm; inherited ones may come from the staged parent),
 * and for jar modules the jar, sources jar, Javadoc jar and CycloneDX SBOM; for every file an
 * MD5 and SHA-1 checksum that matches, and with {@code --signed} a {@code .asc} signature (which
 * release/dry-run.sh then verifies with gpg). Modules that are not published must be absent.
 * Exits 0 when everything holds, 1 with one line per problem otherwise.
 */
public final class CheckBundle {
  private static final String GROUP_PATH = "io/github/pkce4j";
  private static final List<String> POM_MODULES = Arrays.asList("pkce4j-parent", "pkce-bom");
  private static final List<String> JAR_MODULES =
      Arrays.asList("pkce-core", "pkce-client", "pkce-jdkhttp", "pkce-okhttp", "pkce-policy", "pkce-cli");
  private static final List<String> UNPUBLISHED =
      Arrays.asList("pkce-transport-tck", "benchmarks", "interop-tests");
  /** What Central requires of a POM; each may be inherited from the parent. */
  private static final List<String> REQUIRED =
      Arrays.asList("name", "description", "url", "licenses/license/name",
          "developers/developer/name", "scm/url", "scm/connection");

  private final Path root;
  private final String version;
  private final boolean signed;
  private final List<String> problems = new ArrayList<>();
  private int filesChecked;

  private CheckBundle(Path root, String version, boolean signed) {
    this.root = root;
    this.version = version;
    this.signed = signed;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].equals("--signed"))) {
      System.err.println("usage: java release/CheckBundle.java STAGING_DIR VERSION [--signed]");
      System.exit(2);
    }
    CheckBundle check = new CheckBundle(Paths.get(args[0]), args[1], args.length == 3);
    check.run();
    if (check.problems.isEmpty()) {
      System.out.printf("bundle OK: %d modules, %d files with md5/sha1%s, version %s%n",
          POM_MODULES.size() + JAR_MODULES.size(), check.filesChecked,
          check.signed ? " and .asc" : "", check.version);
      return;
    }
    for (String problem : check.problems) {
      System.out.println("bundle: " + problem);
    }
    System.out.printf("bundle NOT OK: %d problems%n", check.problems.size());
    System.exit(1);
  }

  private void run() throws Exception {
    if (!Files.isDirectory(root.resolve(GROUP_PATH))) {
      problems.add(root + " has no " + GROUP_PATH + "; was the release build deployed there?");
      return;
    }
    Document parent = null;
    for (String module : POM_MODULES) {
      Document pom = checkPom(module, "pom", null);
      if (module.equals("pkce4j-parent")) {
        parent = pom;
      }
    }
    for (String module : JAR_MODULES) {
      checkPom(module, "jar", parent);
      for (String suffix : Arrays.asList(".jar", "-sources.jar", "-javadoc.jar", "-cyclonedx.json")) {
        Path file = moduleDir(module).resolve(module + "-" + version + suffix);
        if (requireFile(file)) {
          if (suffix.endsWith(".jar")) {
            checkJar(file, suffix);
          }
        }
      }
    }
    for (String module : UNPUBLISHED) {
      if (Files.exists(root.resolve(GROUP_PATH).resolve(module))) {
        problems.add(module + " is not published but is in the bundle");
      }
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
        String name = file.getFileName().toString();
        if (name.endsWith(".md5") || name.endsWith(".sha1") || name.endsWith(".sha256")
            || name.endsWith(".sha512") || name.endsWith(".asc")
            || name.startsWith("maven-metadata")) {
          continue;
        }
        checkChecksum(file, ".md5", "MD5");
        checkChecksum(file, ".sha1", "SHA-1");
        if (signed) {
          requireFile(file.resolveSibling(name + ".asc"));
        }
        filesChecked++;
      }
    }
  }

  private Path moduleDir(String module) {
    return root.resolve(GROUP_PATH).resolve(module).resolve(version);
  }

  private Document checkPom(String module, String packaging, Document parent) throws Exception {
    Path file = moduleDir(module).resolve(module + "-" + version + ".pom");
    if (!requireFile(file)) {
      return null;
    }
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document pom = factory.newDocumentBuilder().parse(file.toFile());
    Element project = pom.getDocumentElement();
    String ownVersion = text(project, "version");
    String parentVersion = text(project, "parent/version");
    String effective = ownVersion != null ? ownVersion : parentVersion;
    if (!version.equals(effective)) {
      problems.add(file.getFileName() + ": version is " + effective + ", expected " + version);
    }
    String declared = text(project, "packaging");
    String effectivePackaging = declared == null ? "jar" : declared;
    if (!packaging.equals(effectivePackaging)) {
      problems.add(file.getFileName() + ": packaging is " + effectivePackaging + ", expected "
          + packaging);
    }
    for (String path : REQUIRED) {
      boolean own = text(project, path) != null;
      boolean inherited = parent != null && text(parent.getDocumentElement(), path) != null
          && !path.equals("name") && !path.equals("description");
      if (!own && !inherited) {
        problems.add(file.getFileName() + ": no <" + path + ">"
            + (parent != null && !path.equals("name") && !path.equals("description")
                ? " (neither in the POM nor in its parent)" : ""));
      }
    }
    return pom;
  }

  /** A jar must open, and carry its version in the manifest. */
  private void checkJar(Path file, String suffix) throws IOException {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      if (suffix.equals(".jar")) {
        ZipEntry manifest = zip.getEntry("META-INF/MANIFEST.MF");
        String text = manifest == null ? "" : read(zip.getInputStream(manifest));
        if (!text.contains("Implementation-Version: " + version)) {
          problems.add(file.getFileName() + ": manifest has no Implementation-Version: " + version);
        }
      } else if (zip.size() < 2) {
        problems.add(file.getFileName() + " is empty");
      }
    }
  }

  private void checkChecksum(Path file, String extension, String algorithm)
      throws IOException, NoSuchAlgorithmException {
    Path sum = file.resolveSibling(file.getFileName() + extension);
    if (!requireFile(sum)) {
      return;
    }
    String expected = new String(Files.readAllBytes(sum), StandardCharsets.US_ASCII).trim();
    int space = expected.indexOf(' ');
    if (space >= 0) {
      expected = expected.substring(0, space);
    }
    byte[] digest = MessageDigest.getInstance(algorithm).digest(Files.readAllBytes(file));
    StringBuilder actual = new StringBuilder();
    for (byte b : digest) {
      actual.append(String.format("%02x", b));
    }
    if (!actual.toString().equalsIgnoreCase(expected)) {
      problems.add(root.relativize(sum) + " does not match the file");
    }
  }

  private boolean requireFile(Path file) {
    if (Files.isRegularFile(file)) {
      return true;
    }
    problems.add("missing " + root.relativize(file));
    return false;
  }

  private static String read(InputStream in) throws IOException {
    try (InputStream input = in) {
      return new String(input.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The text of the first element at a slash-separated path of child names, or null. */
  private static String text(Element start, String path) {
    Element current = start;
    for (String name : path.split("/")) {
      Element next = null;
      for (Node child = current.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child instanceof Element && name.equals(((Element) child).getTagName())) {
          next = (Element) child;
          break;
        }
      }
      if (next == null) {
        return null;
      }
      current = next;
    }
    String value = current.getTextContent().trim();
    return value.isEmpty() ? null : value;
  }
}
