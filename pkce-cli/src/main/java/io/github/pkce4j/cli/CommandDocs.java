package io.github.pkce4j.cli;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every command's help shows besides its options: its exit codes and one example. The exit
 * codes of all commands are one table, printed by {@code pkce --help} and copied into the README
 * (a test compares the two).
 */
final class CommandDocs {
  /** Shown where a command has no such exit code. */
  static final String NONE = "-";

  private static final int WIDTH = 79;

  /** One row of the exit-code table. */
  static final class Row {
    final String command;
    final String ok;
    final String failed;
    final String badInput;
    final List<String> examples;

    Row(String command, String ok, String failed, String badInput, String... examples) {
      this.command = command;
      this.ok = ok;
      this.failed = failed;
      this.badInput = badInput;
      this.examples = Collections.unmodifiableList(Arrays.asList(examples));
    }

    /** The exit codes this command can return, for its own help. */
    Map<String, String> exitCodes() {
      Map<String, String> codes = new LinkedHashMap<>();
      codes.put("0", ok);
      if (!failed.equals(NONE)) {
        codes.put(String.valueOf(PkceCommand.EXIT_FAILED), failed);
      }
      codes.put(String.valueOf(PkceCommand.EXIT_BAD_INPUT), badInput);
      return codes;
    }
  }

  static final List<Row> ROWS = Collections.unmodifiableList(Arrays.asList(
      new Row("generate", "printed a verifier and its challenge", NONE,
          "usage error, or --entropy-bytes outside 32..96",
          "pkce generate --json"),
      new Row("challenge", "printed the challenge", NONE,
          "malformed verifier, or usage error",
          "pkce challenge < verifier.txt        (keeps the verifier out of the history)",
          "pkce challenge -- -dBjftJeZ4CVP...   (a verifier that starts with -)"),
      new Row("verify", "the verifier matches the challenge", "it does not match",
          "malformed verifier, challenge or method, or usage error",
          "pkce verify --challenge \"$CHALLENGE\" < verifier.txt"),
      new Row("audit", "nothing fails at or above --fail-on", "an app fails at or above --fail-on"
          + " (or a rule it names), or with --fail-on-not-evaluable an app could not be checked",
          "an input could not be read or holds no app metadata (the rest is still reported), sf"
              + " is missing, the org is not authorised or sf failed, the report could not be"
              + " written, an internal failure, or usage error",
          "pkce audit force-app/ --format sarif --output pkce.sarif",
          "pkce audit --target-org my-org --controls all"),
      new Row("login", "printed the token response", "the server refused, a response was"
          + " rejected, the network failed or --timeout ran out",
          "bad option, the --redirect-port is in use, an unsafe or unreadable --dpop-key file,"
              + " or usage error",
          "pkce login --issuer https://login.example.com --client-id my-app",
          "pkce login --issuer https://login.example.com --client-id my-app --dpop --dpop-key"
              + " ~/.config/my-app/dpop.jwk"),
      new Row("refresh", "printed the token response", "the server refused, a response was"
          + " rejected, the network failed or --timeout ran out",
          "bad option, no refresh token on standard input or in --refresh-token-env, a missing,"
              + " unsafe or unreadable --dpop-key file, or usage error",
          "pkce refresh --issuer https://login.example.com --client-id my-app < refresh.txt",
          "pkce refresh --issuer https://login.example.com --client-id my-app --dpop --dpop-key"
              + " ~/.config/my-app/dpop.jwk < refresh.txt"),
      new Row("revoke", "the server revoked the token (or it was already invalid)", "the server"
          + " refused or has no revocation endpoint, a response was rejected, the network failed"
          + " or --timeout ran out",
          "bad option, no token on standard input or in --token-env, or usage error",
          "pkce revoke --issuer https://login.example.com --client-id my-app"
              + " --token-type-hint refresh_token < refresh.txt"),
      new Row("demo", "every step behaved as it should", "a step did not", "usage error",
          "pkce demo")));

  private CommandDocs() {}

  /** The row of {@code command}; every subcommand has one. */
  static Row row(String command) {
    for (Row r : ROWS) {
      if (r.command.equals(command)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no exit codes documented for " + command);
  }

  /** Adds the exit codes and the example to a subcommand's help. */
  static void addTo(CommandSpec spec) {
    Row row = row(spec.name());
    spec.usageMessage()
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(row.exitCodes())
        .footerHeading("%nExample" + (row.examples.size() > 1 ? "s" : "") + ":%n")
        .footer(row.examples.stream().map(e -> "  " + e).toArray(String[]::new));
  }

  /** The exit-code table for {@code pkce --help}, as footer lines. */
  static String[] rootFooter() {
    List<String> lines = new java.util.ArrayList<>();
    lines.add("Exit codes (0 success, 1 a check failed, 2 bad input or usage):");
    for (Row r : ROWS) {
      wrap(lines, String.format("  %-10s0 ", r.command), r.ok);
      if (!r.failed.equals(NONE)) {
        wrap(lines, "            1 ", r.failed);
      }
      wrap(lines, "            2 ", r.badInput);
    }
    lines.add("");
    lines.add("Run 'pkce help COMMAND' or 'pkce COMMAND --help' for a command's options.");
    return lines.toArray(new String[0]);
  }

  /** Adds {@code text} after {@code prefix}, continued under it, in lines of at most 79. */
  private static void wrap(List<String> lines, String prefix, String text) {
    String indent = prefix.replaceAll(".", " ");
    StringBuilder line = new StringBuilder(prefix);
    for (String word : text.split(" ")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > WIDTH) {
        lines.add(line.toString());
        line = new StringBuilder(indent);
      }
      if (line.length() > indent.length()) {
        line.append(' ');
      }
      line.append(word);
    }
    lines.add(line.toString());
  }
}
