package io.github.pkce4j.cli;

import java.awt.Desktop;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Opens a URL in the user's browser (RFC 8252 §4: native apps use the system browser). */
final class Browser {
  private Browser() {}

  /** Opens {@code url}; returns false if no way to open a browser worked. */
  static boolean open(String url) {
    try {
      if (!java.awt.GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
          && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
        Desktop.getDesktop().browse(URI.create(url));
        return true;
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // fall through to the platform command
    } catch (LinkageError e) {
      // java.desktop missing from a jlinked runtime
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String[] command = os.contains("win")
        ? new String[] {"rundll32", "url.dll,FileProtocolHandler", url}
        : os.contains("mac") ? new String[] {"open", url} : new String[] {"xdg-open", url};
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      // xdg-open exits non-zero at once when there is no browser; a live one is still opening.
      return !process.waitFor(3, TimeUnit.SECONDS) || process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
