package io.github.pkce4j.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/**
 * Reads a secret from standard input when its argument is {@code -} or absent, keeping it out of
 * argv, the shell history and {@code ps}.
 */
final class StdinValues {
  /** Longer than any verifier (128), short enough that a wrong file cannot fill the memory. */
  static final int MAX_LINE = 1024;

  private StdinValues() {}

  /**
   * Returns {@code arg}, or the first line of standard input when {@code arg} is {@code -} or
   * null. At an interactive terminal the value is asked for and not echoed.
   */
  static String resolve(String arg, String prompt) throws IOException {
    return resolve(arg, prompt, MAX_LINE);
  }

  /**
   * As {@link #resolve(String, String)}, reading at most {@code maxLine} + 1 characters, so a
   * caller can tell a line longer than {@code maxLine}.
   */
  static String resolve(String arg, String prompt, int maxLine) throws IOException {
    if (arg != null && !"-".equals(arg)) {
      return arg;
    }
    Console console = interactiveConsole();
    if (console != null) {
      char[] typed = console.readPassword("%s", prompt);
      return typed == null ? "" : new String(typed);
    }
    Reader reader = new InputStreamReader(System.in, StandardCharsets.US_ASCII);
    StringBuilder line = new StringBuilder();
    for (int c = reader.read(); c != -1 && c != '\n' && line.length() <= maxLine;
        c = reader.read()) {
      line.append((char) c);
    }
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      line.setLength(end - 1);
    }
    return line.toString();
  }

  /** The console when standard input and output are a terminal, else null. */
  static Console interactiveConsole() {
    Console console = System.console();
    if (console == null) {
      return null;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console) ? console : null;
    } catch (ReflectiveOperationException e) {
      return console; // before JDK 22, a console means an interactive terminal
    }
  }
}
