package io.github.pkce4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The README's tables of the {@code pkce} tool say what the tool's own help says. */
class ReadmeToolTablesTest {
  private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");

  private static List<String> section() throws IOException {
    Path readme = Paths.get("..", "README.md");
    List<String> lines = Files.readAllLines(readme, StandardCharsets.UTF_8);
    int start = lines.indexOf("## The `pkce` tool");
    assertTrue(start >= 0, "README has a section '## The `pkce` tool'");
    List<String> section = new ArrayList<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      section.add(line);
    }
    return section;
  }

  /** The rows of the table whose header row is {@code header}, split into unescaped cells. */
  private static List<List<String>> table(List<String> section, String header) {
    int at = section.indexOf(header);
    assertTrue(at >= 0, "README table with header " + header);
    List<List<String>> rows = new ArrayList<>();
    for (String line : section.subList(at + 2, section.size())) {
      if (!line.startsWith("|")) {
        break;
      }
      List<String> cells = new ArrayList<>();
      for (String cell : line.substring(1, line.length() - 1).split("(?<!\\\\)\\|")) {
        cells.add(cell.trim().replace("\\|", "|"));
      }
      rows.add(cells);
    }
    return rows;
  }

  private static Map<String, CommandLine> commands() {
    Map<String, CommandLine> commands = new java.util.LinkedHashMap<>(
        PkceCommand.newCommandLine().getSubcommands());
    commands.remove("help");
    return commands;
  }

  @Test
  void commandTable_oneRowPerCommand_withItsOptionsAndTheSummaryFromItsHelp() throws IOException {
    List<List<String>> rows = table(section(), "| command | what it does |");
    Map<String, CommandLine> commands = commands();
    assertEquals(commands.size(), rows.size(), "one row per command: " + rows);
    int i = 0;
    for (Map.Entry<String, CommandLine> e : commands.entrySet()) {
      List<String> row = rows.get(i++);
      String usage = row.get(0);
      assertTrue(usage.startsWith("`pkce " + e.getKey()), usage);
      CommandSpec spec = e.getValue().getCommandSpec();
      TreeSet<String> documented = new TreeSet<>();
      Matcher m = OPTION.matcher(usage);
      while (m.find()) {
        documented.add(m.group());
      }
      TreeSet<String> actual = new TreeSet<>();
      for (OptionSpec option : spec.options()) {
        if (!option.usageHelp() && !option.versionHelp()) {
          actual.add(option.longestName());
        }
      }
      assertEquals(actual, documented, "options of pkce " + e.getKey());
      assertEquals(spec.usageMessage().description()[0], row.get(1),
          "summary of pkce " + e.getKey() + " as 'pkce --help' lists it");
    }
  }

  @Test
  void exitCodeTable_isTheOneInRootHelp() throws IOException {
    List<List<String>> rows = table(section(), "| command | 0 | 1 | 2 |");
    assertEquals(CommandDocs.ROWS.size(), rows.size(), rows.toString());
    String help = CliTestSupport.run("--help").out.replaceAll("\\s+", " ");
    for (int i = 0; i < rows.size(); i++) {
      CommandDocs.Row expected = CommandDocs.ROWS.get(i);
      List<String> row = rows.get(i);
      assertEquals("`" + expected.command + "`", row.get(0));
      assertEquals(expected.ok, row.get(1), expected.command + " exit 0");
      assertEquals(expected.failed, row.get(2), expected.command + " exit 1");
      assertEquals(expected.badInput, row.get(3), expected.command + " exit 2");
      String block = expected.command + " 0 " + expected.ok
          + (expected.failed.equals(CommandDocs.NONE) ? "" : " 1 " + expected.failed)
          + " 2 " + expected.badInput;
      assertTrue(help.contains(block), "pkce --help shows " + block + "\n" + help);
    }
    assertEquals(commands().keySet().toString(), CommandDocs.ROWS.stream().map(r -> r.command)
        .collect(java.util.stream.Collectors.toList()).toString(), "every command has a row");
  }
}
