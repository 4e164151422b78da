package io.github.pkce4j.cli;

import static io.github.pkce4j.cli.CliTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.pkce4j.client.internal.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/** Every command explains itself, and every usage error is one line without a secret. */
class HelpAndUsageTest {
  private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  private static final String NL = System.lineSeparator();

  static Stream<String> commands() {
    return PkceCommand.newCommandLine().getSubcommands().keySet().stream()
        .filter(name -> !name.equals("help"));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void help_everyCommand_exit0ListingEachOptionExitCodesAndAnExample(String command) {
    CommandLine sub = PkceCommand.newCommandLine().getSubcommands().get(command);
    for (String flag : new String[] {"--help", "-h"}) {
      CliTestSupport.Result r = run(command, flag);

      assertEquals(0, r.exitCode, r.toString());
      assertEquals("", r.err);
      assertTrue(r.out.startsWith("Usage: pkce " + command + " "), r.out);
      for (OptionSpec option : sub.getCommandSpec().options()) {
        assertTrue(r.out.contains(option.longestName()), command + " help lacks "
            + option.longestName() + ":\n" + r.out);
      }
      assertTrue(r.out.contains(NL + "Exit codes:" + NL + "  0   "), r.out);
      assertTrue(r.out.contains(NL + "  2   "), r.out);
      assertTrue(r.out.matches("(?s).*" + NL + "Examples?:" + NL + "  pkce " + command + ".*"),
          r.out);
    }
    assertEquals(run(command, "--help").out, run("help", command).out);
  }

  @ParameterizedTest
  @MethodSource("commands")
  void version_everyCommand_printsTheBuildVersion(String command) {
    CliTestSupport.Result r = run(command, "--version");
    assertEquals(0, r.exitCode, r.toString());
    assertEquals("pkce " + BuildVersion.get() + NL, r.out);
  }

  @Test
  void version_isTheBuildsVersionNeverADevelopmentBuild() {
    CliTestSupport.Result r = run("--version");
    assertEquals(0, r.exitCode);
    assertTrue(r.out.matches("pkce \\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?" + NL), r.out);
    assertEquals(r.out, run("-V").out);
  }

  @Test
  void version_isTheAuditReportsToolVersion(@TempDir Path tmp) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("force-app/main/default/connectedApps"));
    Files.write(dir.resolve("App.connectedApp-meta.xml"), ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<ConnectedApp xmlns=\"http://soap.sforce.com/2006/04/metadata\"><label>App</label>"
        + "<oauthConfig><callbackUrl>https://app.example.com/cb</callbackUrl>"
        + "<isPkceRequired>true</isPkceRequired></oauthConfig></ConnectedApp>")
        .getBytes(StandardCharsets.UTF_8));

    CliTestSupport.Result r = run("audit", tmp.toString(), "--format", "json");

    Map<String, Object> report = Json.parseObject(r.out);
    Object tool = ((Map<?, ?>) report.get("tool")).get("version");
    assertEquals("pkce " + tool + NL, run("--version").out);
  }

  @Test
  void noArguments_shortUsageOnStderrExit2() {
    CliTestSupport.Result r = run();
    assertEquals(2, r.exitCode);
    assertEquals("", r.out);
    assertTrue(r.err.startsWith("Usage: pkce [-hV] [COMMAND]" + NL), r.err);
    commands().forEach(c -> assertTrue(r.err.contains(NL + "  " + c + " "), r.err));
    assertTrue(r.err.endsWith("Run 'pkce --help' for the exit codes, 'pkce help COMMAND' for a"
        + " command." + NL), r.err);
  }

  @Test
  void rootHelp_listsTheExitCodesOfEveryCommand() {
    CliTestSupport.Result r = run("--help");
    assertEquals(0, r.exitCode);
    assertTrue(r.out.contains(NL + "Exit codes (0 success, 1 a check failed, 2 bad input or"
        + " usage):" + NL), r.out);
    commands().forEach(c -> assertTrue(r.out.contains(NL + String.format("  %-10s0 ", c)),
        c + ":\n" + r.out));
  }

  static Stream<Arguments> mistypedOptions() {
    return Stream.of(
        Arguments.of("generate --jsn", "generate", "--jsn", "--json"),
        Arguments.of("generate --entropy-byte 40", "generate", "--entropy-byte", "--entropy-bytes"),
        Arguments.of("challenge --hlep", "challenge", "--hlep", "--help"),
        Arguments.of("verify --challange " + CHALLENGE + " " + VERIFIER, "verify", "--challange",
            "--challenge"),
        Arguments.of("verify --challenge " + CHALLENGE + " --metod plain " + VERIFIER, "verify",
            "--metod", "--method"),
        Arguments.of("audit . --formt json", "audit", "--formt", "--format"),
        Arguments.of("login --issuer https://a.example --clientid x", "login", "--clientid",
            "--client-id"),
        Arguments.of("login --issuer https://a.example --client-id x --no-browse", "login",
            "--no-browse", "--no-browser"),
        Arguments.of("demo --versoin", "demo", "--versoin", "--version"));
  }

  @ParameterizedTest
  @MethodSource("mistypedOptions")
  void mistypedOption_namedAsUnknownWithSuggestionExit2(String args, String command,
      String typed, String suggested) {
    CliTestSupport.Result r = run(args.split(" "));
    assertEquals(2, r.exitCode, r.toString());
    assertEquals("", r.out);
    assertEquals("pkce " + command + ": unknown option " + typed + "; did you mean " + suggested
        + "? (run 'pkce " + command + " --help' for the options)" + NL, r.err);
  }

  @Test
  void unknownOption_farFromAnyOption_namedWithoutSuggestion() {
    CliTestSupport.Result r = run("generate", "--colour");
    assertEquals(2, r.exitCode);
    assertEquals("pkce generate: unknown option --colour; run 'pkce generate --help' for the"
        + " options" + NL, r.err);
  }

  @Test
  void unknownCommand_suggestsTheClosestCommand() {
    CliTestSupport.Result r = run("genrate");
    assertEquals(2, r.exitCode);
    assertEquals("pkce: unknown command genrate; did you mean generate? (run 'pkce --help' for"
        + " the commands)" + NL, r.err);
    assertEquals("pkce: unknown command nosuch; run 'pkce --help' for the commands" + NL,
        run("help", "nosuch").err);
  }

  /** Each of these is a usage error whose argv holds a verifier; none may repeat it. */
  static Stream<Arguments> usageErrorsWithASecret() {
    String other = "eBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    List<String[]> cases = new ArrayList<>();
    cases.add(new String[] {"challenge", "--json", VERIFIER});
    cases.add(new String[] {"challenge", VERIFIER, other});
    cases.add(new String[] {"challenge", "-" + VERIFIER});
    cases.add(new String[] {"challenge", "--verifier=" + VERIFIER});
    cases.add(new String[] {"verify", "--challenge=" + CHALLENGE, VERIFIER, other});
    cases.add(new String[] {"verify", "--challange", CHALLENGE, VERIFIER});
    cases.add(new String[] {"verify", VERIFIER});
    cases.add(new String[] {"verify", "--challenge", CHALLENGE, "-" + VERIFIER});
    cases.add(new String[] {"generate", VERIFIER});
    cases.add(new String[] {VERIFIER});
    cases.add(new String[] {"help", VERIFIER});
    return cases.stream().map(a -> Arguments.of((Object) a));
  }

  @ParameterizedTest
  @MethodSource("usageErrorsWithASecret")
  void usageError_neverRepeatsASecretArgument(String[] args) {
    CliTestSupport.Result r = run(args);
    assertEquals(2, r.exitCode, r.toString());
    assertFalse(r.err.contains(VERIFIER.substring(1, 20)), r.err);
    assertFalse(r.err.contains("eBjftJeZ4CVP"), r.err);
    assertFalse(r.out.contains(VERIFIER.substring(1, 20)), r.out);
    assertEquals(1, r.err.split("\\R").length, "one line: " + r.err);
    assertTrue(r.err.matches("pkce( [a-z]+)?: [^;]+; .+" + NL), r.err);
  }

  @Test
  void extraArgument_namedByPosition() {
    CliTestSupport.Result r = run("challenge", VERIFIER, VERIFIER);
    assertEquals("pkce challenge: unexpected extra argument 2 (not shown: it may be a secret);"
        + " challenge takes one VERIFIER, run 'pkce challenge --help' for the options" + NL, r.err);
    r = run("generate", "a", "b");
    assertEquals("pkce generate: unexpected extra arguments 1 to 2 (not shown: it may be a"
        + " secret); generate takes no arguments, run 'pkce generate --help' for the options" + NL,
        r.err);
  }

  @ParameterizedTest
  @ValueSource(strings = {"challenge", "verify"})
  void help_saysHowToPassAVerifierThatStartsWithDash(String command) {
    String help = run(command, "--help").out.replaceAll("\\s+", " ");
    assertTrue(help.contains("read from standard input when VERIFIER is - or left out"), help);
    assertTrue(help.contains("A verifier that starts with - goes after --"), help);
  }

  @Test
  void optionNeedingAValue_namedAsTyped() {
    CliTestSupport.Result r = run("verify", "--challenge");
    assertEquals(2, r.exitCode);
    assertEquals("pkce verify: --challenge needs a value (CHALLENGE); run 'pkce verify --help' for"
        + " the options" + NL, r.err);
  }
}
