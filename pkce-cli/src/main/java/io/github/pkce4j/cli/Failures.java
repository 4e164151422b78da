package io.github.pkce4j.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Words for failures that carry no message of their own, or a message meant for programmers. */
final class Failures {
  private Failures() {}

  /**
   * The exception's message, or, when it has none (a refused connection is a bare {@code
   * ConnectException}), its class and its cause's; never the word {@code null}.
   */
  static String describe(Throwable e) {
    String message = e.getMessage();
    if (message != null && !message.isEmpty()) {
      return message;
    }
    String name = e.getClass().getSimpleName();
    Throwable cause = e.getCause();
    return cause == null || cause == e ? name : name + " (" + describe(cause) + ")";
  }

  /** Why {@code file} could not be written, as its reader would say it. */
  static String whyUnwritable(Path file, IOException e) {
    Path parent = file.toAbsolutePath().getParent();
    if (e instanceof NoSuchFileException && parent != null && !Files.isDirectory(parent)) {
      return "the folder " + file.getParent() + " does not exist";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason();
    }
    return describe(e);
  }
}
