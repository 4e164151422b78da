package io.github.pkce4j.interop.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The READMEs' Java examples compile against the real modules, so the examples users copy cannot
 * drift from the API.
 *
 * <p>Every {@code ```java} block of the root README is compiled: a block that declares a class as
 * it is, any other as a fragment whose imports are lifted to the top and whose rest becomes the
 * body of a method that may throw. In the module READMEs, which also show short fragments that
 * use variables from the text around them, the blocks that declare a class are compiled. A block
 * right after a {@code <!-- no-compile: reason -->} line is skipped (e.g. Android code, whose
 * classes are not on this classpath).
 */
class ReadmeExamplesCompileTest {
  private static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();
  private static final List<String> READMES = Arrays.asList("README.md",
      "pkce-core/README.md", "pkce-client/README.md",
      "pkce-jdkhttp/README.md", "pkce-okhttp/README.md", "pkce-policy/README.md",
      "interop-tests/README.md");
  private static final Pattern BLOCK =
      Pattern.compile("(?m)^```java[ \\t]*\\n(.*?)^```[ \\t]*$", Pattern.DOTALL);
  private static final Pattern TYPE_DECLARATION =
      Pattern.compile("(?m)^(public |final |abstract )*(class|interface|enum|record) (\\w+)");

  static Stream<Arguments> javaBlocks() throws IOException {
    List<Arguments> blocks = new ArrayList<>();
    for (String readme : READMES) {
      Path file = ROOT.resolve(readme);
      if (!Files.exists(file)) {
        continue;
      }
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      Matcher m = BLOCK.matcher(text);
      while (m.find()) {
        String before = text.substring(0, m.start()).trim();
        String previousLine = before.substring(before.lastIndexOf('\n') + 1).trim();
        if (previousLine.startsWith("<!-- no-compile")) {
          continue;
        }
        boolean root = readme.equals("README.md");
        if (!root && !TYPE_DECLARATION.matcher(m.group(1)).find()) {
          continue;
        }
        int line = 1 + (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count();
        blocks.add(Arguments.of(readme + ":" + line, m.group(1)));
      }
    }
    return blocks.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("javaBlocks")
  void readmeBlock_compiles(String where, String code, @TempDir Path dir) throws IOException {
    String source = asCompilationUnit(code);
    Matcher type = TYPE_DECLARATION.matcher(source);
    assertTrue(type.find(), "no type in " + where);
    Path file = dir.resolve(type.group(3) + ".java");
    Files.write(file, source.getBytes(StandardCharsets.UTF_8));

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    assertNotNull(compiler, "tests need a JDK, not a JRE");
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    try (StandardJavaFileManager files =
        compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
      StringWriter out = new StringWriter();
      boolean ok = compiler.getTask(out, files, diagnostics,
          Arrays.asList("-proc:none", "-d", dir.toString(), "-classpath", classpath), null,
          files.getJavaFileObjects(file.toFile())).call();
      StringBuilder report = new StringBuilder();
      diagnostics.getDiagnostics().forEach(d -> report.append(d.getKind()).append(" line ")
          .append(d.getLineNumber()).append(": ").append(d.getMessage(null)).append('\n'));
      assertEquals("", ok ? "" : report.toString(), where + " does not compile:\n" + source);
    }
  }

  /** A class as it is, or a fragment wrapped in one. */
  static String asCompilationUnit(String code) {
    if (TYPE_DECLARATION.matcher(code).find()) {
      return code;
    }
    StringBuilder imports = new StringBuilder();
    StringBuilder body = new StringBuilder();
    for (String line : code.split("\n", -1)) {
      if (line.startsWith("import ")) {
        imports.append(line).append('\n');
      } else {
        body.append("    ").append(line).append('\n');
      }
    }
    return imports + "\nclass ReadmeFragment {\n  void run() throws Exception {\n" + body
        + "  }\n}\n";
  }
}
