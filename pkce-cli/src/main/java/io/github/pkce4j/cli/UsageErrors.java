package io.github.pkce4j.cli;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns picocli's usage errors into the tool's one-line format, {@code pkce <command>: <what was
 * wrong>; <the fix>}. A positional argument may be a secret (a verifier), so no message repeats
 * one: an extra argument is named by its position, and an unknown "option" is repeated only when
 * it looks like an option name rather than a value.
 */
final class UsageErrors {
  /** What an option name looks like; a verifier (43+ characters) never does. */
  private static final Pattern OPTION_NAME = Pattern.compile("--?[A-Za-z][A-Za-z0-9-]{0,30}");
  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

  private UsageErrors() {}

  /**
   * The one line to print for {@code e}, without a line separator. {@code args} are the whole
   * command line: an unknown option in it is reported first, because it usually causes the
   * error picocli saw (a mistyped required option is then "missing").
   */
  static String message(ParameterException e, String[] args) {
    CommandSpec spec = e.getCommandLine().getCommandSpec();
    String command = spec.qualifiedName();
    String help = "run '" + command + " --help' for the options";
    String unknown = firstUnknownOption(spec, args);
    if (unknown != null) {
      return command + ": " + unknownOption(unknown, spec, help);
    }
    String what;
    if (e.getMessage() != null && e.getMessage().startsWith("Unknown subcommand")) {
      Matcher m = QUOTED.matcher(e.getMessage());
      return command + ": " + unknownCommand(m.find() ? m.group(1) : "", spec.root());
    } else if (e instanceof UnmatchedArgumentException) {
      return command + ": " + unmatched((UnmatchedArgumentException) e, spec, help);
    } else if (e instanceof MissingParameterException) {
      what = missing((MissingParameterException) e);
    } else if (e instanceof OverwrittenOptionException) {
      what = displayName(e.getArgSpec()) + " was given more than once; give it once";
    } else if (e.getArgSpec() instanceof OptionSpec && e.getValue() != null) {
      OptionSpec option = (OptionSpec) e.getArgSpec();
      what = option.longestName() + " " + describeValue(e.getValue()) + " is not "
          + expected(option.type());
    } else {
      what = withoutValues(e.getMessage());
    }
    return command + ": " + TerminalText.line(what) + "; " + help;
  }

  private static String unmatched(UnmatchedArgumentException e, CommandSpec spec, String help) {
    List<String> unmatched = e.getUnmatched();
    String first = unmatched.isEmpty() ? "" : unmatched.get(0);
    if (e.isUnknownOption()) {
      return unknownOption(first, spec, help);
    }
    if (spec.parent() == null && !spec.subcommands().isEmpty()) {
      return unknownCommand(first, spec);
    }
    int expected = maxPositionals(spec);
    int from = expected + 1;
    int to = expected + unmatched.size();
    String which = from == to ? "argument " + from : "arguments " + from + " to " + to;
    return "unexpected extra " + which + " (not shown: it may be a secret); "
        + spec.name() + " takes " + (expected == 0 ? "no arguments"
        : expected == 1 ? "one " + spec.positionalParameters().get(0).paramLabel()
        : expected + " arguments") + ", " + help;
  }

  private static String unknownOption(String arg, CommandSpec spec, String help) {
    String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
    if (!OPTION_NAME.matcher(name).matches()) {
      return "an argument starts with '-' but is no option (not shown: it may be a secret);"
          + " put -- before a value that starts with '-', or pass it on standard input";
    }
    String suggestion = closest(name, spec.optionsMap().keySet());
    return "unknown option " + name + (suggestion == null ? "; " + help
        : "; did you mean " + suggestion + "? (" + help + ")");
  }

  private static String unknownCommand(String name, CommandSpec root) {
    if (!name.matches("[A-Za-z][A-Za-z0-9-]{0,30}")) {
      return "unknown command (not shown); run 'pkce --help' for the commands";
    }
    String suggestion = closest(name, root.subcommands().keySet());
    return "unknown command " + name + (suggestion == null
        ? "; run 'pkce --help' for the commands"
        : "; did you mean " + suggestion + "? (run 'pkce --help' for the commands)");
  }

  /**
   * The first argument that looks like an option name but is none of {@code spec}'s (nor of
   * its parents', such as {@code --help}); arguments after {@code --} are values.
   */
  private static String firstUnknownOption(CommandSpec spec, String[] args) {
    if (args == null) {
      return null;
    }
    for (String arg : args) {
      if (arg.equals("--")) {
        return null;
      }
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (name.startsWith("-") && OPTION_NAME.matcher(name).matches() && !isOption(spec, name)) {
        return name;
      }
    }
    return null;
  }

  private static boolean isOption(CommandSpec spec, String name) {
    for (CommandSpec s = spec; s != null; s = s.parent()) {
      if (s.optionsMap().containsKey(name)) {
        return true;
      }
    }
    return false;
  }

  /** The candidate at most two edits from {@code typed} (or extending it), closest first. */
  static String closest(String typed, Iterable<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = candidate.startsWith(typed) && typed.length() > 3 ? 1
          : editDistance(typed, candidate);
      if (d < bestDistance && d <= 2 && candidate.length() > 2) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }

  private static String missing(MissingParameterException e) {
    List<ArgSpec> missing = e.getMissing();
    if (missing == null || missing.isEmpty()) {
      return withoutValues(e.getMessage());
    }
    ArgSpec arg = missing.get(0);
    if (e.getMessage().startsWith("Missing required parameter for option")
        || e.getMessage().startsWith("Expected parameter for option")) {
      return displayName(arg) + " needs a value (" + arg.paramLabel() + ")";
    }
    StringBuilder b = new StringBuilder();
    for (ArgSpec a : missing) {
      b.append(b.length() == 0 ? "" : ", ").append(displayName(a))
          .append(a.isOption() && a.arity().max() > 0 ? " " + a.paramLabel() : "");
    }
    return b + (missing.size() == 1 ? " is required" : " are required");
  }

  private static String displayName(ArgSpec arg) {
    return arg instanceof OptionSpec ? ((OptionSpec) arg).longestName()
        : ((PositionalParamSpec) arg).paramLabel();
  }

  private static int maxPositionals(CommandSpec spec) {
    int n = 0;
    for (PositionalParamSpec p : spec.positionalParameters()) {
      n += p.arity().max();
    }
    return n;
  }

  private static String describeValue(String value) {
    return value.length() <= 40 ? "'" + value + "'" : "(a value of " + value.length()
        + " characters)";
  }

  private static String expected(Class<?> type) {
    if (type == int.class || type == Integer.class || type == long.class) {
      return "a whole number";
    }
    return "a valid " + type.getSimpleName();
  }

  /** picocli's message with every quoted value that is not an option name hidden. */
  private static String withoutValues(String message) {
    Matcher m = QUOTED.matcher(message);
    StringBuffer b = new StringBuffer();
    while (m.find()) {
      String quoted = m.group(1);
      String shown = OPTION_NAME.matcher(quoted.replaceAll("=.*", "")).matches()
          ? "'" + quoted.replaceAll("=.*", "") + "'" : "(a value, not shown)";
      m.appendReplacement(b, Matcher.quoteReplacement(shown));
    }
    m.appendTail(b);
    String s = b.toString();
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  static CommandLine.IParameterExceptionHandler handler() {
    return (e, args) -> {
      e.getCommandLine().getErr().println(message(e, args));
      return PkceCommand.EXIT_BAD_INPUT;
    };
  }
}
