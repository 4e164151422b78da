package io.github.pkce4j.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The {@code pkce} command. Exit codes: 0 success, 1 a check failed (mismatch, failing finding,
 * OAuth error), 2 bad input or usage; {@code pkce --help} shows them per command.
 *
 * @since 0.1.0
 */
@Command(
    name = "pkce",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    description = "PKCE (RFC 7636) from the command line.",
    subcommands = {
        GenerateCommand.class,
        ChallengeCommand.class,
        VerifyCommand.class,
        AuditCommand.class,
        LoginCommand.class,
        RefreshCommand.class,
        RevokeCommand.class,
        DemoCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class PkceCommand implements Callable<Integer> {
  /** Exit code when a check fails: a mismatch, a failing finding, an OAuth error. */
  public static final int EXIT_FAILED = 1;
  /** Exit code for malformed input or usage. */
  public static final int EXIT_BAD_INPUT = 2;

  @CommandLine.Spec
  private CommandSpec spec;

  /** Runs the tool and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** Runs the tool with the given streams; for tests and embedding. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = newCommandLine();
    cl.setOut(out);
    cl.setErr(err);
    try {
      return cl.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * A configured command line: every command has {@code -h/--help} and {@code -V/--version}, its
   * exit codes and an example in its help; usage errors print one line and exit 2; an unexpected
   * error prints one line and exits 2.
   */
  static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new PkceCommand());
    for (CommandLine sub : cl.getSubcommands().values()) {
      CommandSpec s = sub.getCommandSpec();
      if (s.userObject() instanceof CommandLine.HelpCommand) {
        continue;
      }
      s.mixinStandardHelpOptions(true);
      s.versionProvider(new BuildVersion());
      CommandDocs.addTo(s);
    }
    cl.getCommandSpec().usageMessage().footerHeading("%n").footer(CommandDocs.rootFooter());
    cl.setExitCodeExceptionMapper(e -> EXIT_BAD_INPUT);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": "
          + TerminalText.line(Failures.describe(e)));
      return EXIT_BAD_INPUT;
    });
    cl.setParameterExceptionHandler(UsageErrors.handler());
    return cl;
  }

  /** {@code pkce} alone: the short usage on standard error, exit 2 (no command given). */
  @Override
  public Integer call() {
    CommandLine.Help help = spec.commandLine().getHelp();
    PrintWriter err = spec.commandLine().getErr();
    err.print(help.synopsisHeading());
    err.print(help.synopsis(0));
    err.print(help.commandListHeading());
    err.print(help.commandList());
    err.println("Run 'pkce --help' for the exit codes, 'pkce help COMMAND' for a command.");
    return EXIT_BAD_INPUT;
  }
}
