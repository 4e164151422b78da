package io.github.pkce4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pkce} command. Exit codes: 0 success, 1 a check failed (mismatch, failing finding,
 * OAuth error), 2 bad input or usage.
 *
 * @since 0.1.0
 */
@Command(
    name = "pkce",
    mixinStandardHelpOptions = true,
    versionProvider = PkceCommand.Version.class,
    description = "PKCE (RFC 7636) from the command line.",
    subcommands = {
        GenerateCommand.class,
        ChallengeCommand.class,
        VerifyCommand.class,
        AuditCommand.class,
        LoginCommand.class,
        DemoCommand.class,
    })
public final class PkceCommand implements Runnable {
  /** Exit code when a check fails: a mismatch, a failing finding, an OAuth error. */
  public static final int EXIT_FAILED = 1;
  /** Exit code for malformed input or usage. */
  public static final int EXIT_BAD_INPUT = 2;

  @CommandLine.Spec
  private CommandLine.Model.CommandSpec spec;

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

  /** A configured command line: usage errors exit 2, unexpected errors print one line, exit 2. */
  static CommandLine newCommandLine() {
    CommandLine cl = new CommandLine(new PkceCommand());
    // A base64url verifier or challenge may start with '-': take it as a value, not an option.
    cl.setUnmatchedOptionsArePositionalParams(true);
    cl.setExitCodeExceptionMapper(e -> EXIT_BAD_INPUT);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("pkce: " + messageOf(e));
      return EXIT_BAD_INPUT;
    });
    cl.setParameterExceptionHandler((e, args) -> {
      CommandLine c = e.getCommandLine();
      c.getErr().println("pkce: " + e.getMessage());
      c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
      return EXIT_BAD_INPUT;
    });
    return cl;
  }

  private static String messageOf(Throwable e) {
    String message = e.getMessage();
    return message != null ? message : e.getClass().getSimpleName();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = PkceCommand.class.getPackage().getImplementationVersion();
      return new String[] {"pkce " + (v != null ? v : "development build")};
    }
  }
}
