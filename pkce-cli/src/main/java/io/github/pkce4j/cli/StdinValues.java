package io.github.pkce4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads a secret from standard input when the argument is {@code -}, keeping it out of argv. */
final class StdinValues {
  private StdinValues() {}

  /** Returns {@code arg}, or the first line of standard input when {@code arg} is {@code -}. */
  static String resolve(String arg) throws IOException {
    if (!"-".equals(arg)) {
      return arg;
    }
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    String line = reader.readLine();
    return line == null ? "" : line;
  }
}
