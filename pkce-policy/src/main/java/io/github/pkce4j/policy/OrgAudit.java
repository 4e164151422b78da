package io.github.pkce4j.policy;

import io.github.pkce4j.policy.internal.JsonReader;
import io.github.pkce4j.policy.internal.Printable;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Audits a live org through the admin's own Salesforce CLI ({@code sf}): retrieves exactly the
 * metadata the controls read into a private temporary directory, reads the org's OAuth token
 * usage, audits the result as a retrieved folder, and deletes the directory, also on failure.
 *
 * <pre>{@code
 * Report report = OrgAudit.builder().build().audit("my-org", PkceAudit.builder());
 * }</pre>
 *
 * <p>The commands, run without a shell, each with a timeout and a cap on what is read from them:
 *
 * <pre>
 * sf project retrieve start --metadata ConnectedApp --metadata ExternalClientApplication
 *     --metadata ExtlClntAppOauthSettings --metadata ExtlClntAppGlobalOauthSettings
 *     --metadata ExtlClntAppOauthConfigurablePolicies --metadata ExtlClntAppConfigurablePolicies
 *     --metadata Settings:OauthOidc --target-org ALIAS --output-dir DIR/retrieved --json
 * sf data query --query "SELECT AppName, UseCount, LastUsedDate FROM OauthToken"
 *     --target-org ALIAS --json
 * </pre>
 *
 * <p>{@code sf project retrieve start} must run inside an SFDX project, so the directory gets a
 * minimal {@code sfdx-project.json} and is the command's working directory.
 *
 * <p>Security: the directory is created owner-only ({@code rwx------} where the file system has
 * POSIX permissions) and deleted before {@code audit} returns or throws. External Client App
 * global OAuth settings hold the consumer key and secret; the audit reads only named flags from
 * them, so no secret reaches a report, a message or the disk after the run. The org alias is
 * passed as one argument and may not start with {@code -}.
 *
 * @since 0.1.0
 */
public final class OrgAudit {
  /** The metadata types retrieved: the apps, their OAuth parts, and the org's OAuth settings. */
  public static final List<String> METADATA = Collections.unmodifiableList(Arrays.asList(
      "ConnectedApp", "ExternalClientApplication", "ExtlClntAppOauthSettings",
      "ExtlClntAppGlobalOauthSettings", "ExtlClntAppOauthConfigurablePolicies",
      "ExtlClntAppConfigurablePolicies", "Settings:OauthOidc"));
  /** The usage query. */
  public static final String USAGE_QUERY = "SELECT AppName, UseCount, LastUsedDate FROM OauthToken";
  /** Default time allowed for each {@code sf} command: 10 minutes. */
  public static final long DEFAULT_TIMEOUT_SECONDS = 600;
  /** Default cap on what is read from each {@code sf} command's output: 16 MiB. */
  public static final int DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

  private static final String INSTALL = "install the Salesforce CLI"
      + " (https://developer.salesforce.com/tools/salesforcecli) and log in with sf org login web"
      + " --alias ALIAS";

  private final Path sf;
  private final long timeoutSeconds;
  private final int maxOutputBytes;

  private OrgAudit(Builder b) {
    this.sf = b.sf;
    this.timeoutSeconds = b.timeoutSeconds;
    this.maxOutputBytes = b.maxOutputBytes;
  }

  /** {@return a builder: {@code sf} from the PATH, the default timeout and output cap} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Retrieves the org's app metadata and usage and audits them with {@code audit} (its working
   * directory and usage are set here, so paths in the report are relative to the retrieve).
   *
   * @param targetOrg the org's alias or username, as {@code sf org list} shows it
   * @param audit the audit to run (controls, caps)
   * @return the report, with usage known
   * @throws OrgAuditException if {@code sf} is missing, the org is not authorised, or a command
   *     fails, times out or prints something other than its documented JSON
   */
  public Report audit(String targetOrg, PkceAudit.Builder audit) throws OrgAuditException {
    Objects.requireNonNull(audit, "audit");
    String org = checkAlias(targetOrg);
    Path executable = sf != null ? sf : findOnPath();
    Path dir;
    try {
      dir = privateTempDir();
    } catch (IOException e) {
      throw new OrgAuditException("cannot create a private temporary directory for the retrieve ("
          + e.getClass().getSimpleName() + ")", e);
    }
    try {
      Files.write(dir.resolve("sfdx-project.json"), ("{\"packageDirectories\":[{\"path\":"
          + "\"retrieved\",\"default\":true}]}\n").getBytes(StandardCharsets.UTF_8));
      Path retrieved = dir.resolve("retrieved");
      Files.createDirectory(retrieved);
      List<String> retrieve = new ArrayList<>(Arrays.asList(executable.toString(), "project",
          "retrieve", "start"));
      for (String type : METADATA) {
        retrieve.add("--metadata");
        retrieve.add(type);
      }
      retrieve.addAll(Arrays.asList("--target-org", org, "--output-dir", retrieved.toString(),
          "--json"));
      run(retrieve, dir, org, "sf project retrieve start");
      Map<?, ?> usageAnswer = run(Arrays.asList(executable.toString(), "data", "query", "--query",
          USAGE_QUERY, "--target-org", org, "--json"), dir, org, "sf data query");
      OrgUsage usage;
      try {
        usage = OrgUsage.fromQueryAnswer(usageAnswer);
      } catch (IllegalArgumentException e) {
        throw new OrgAuditException("the OauthToken usage could not be read: " + e.getMessage(),
            e);
      }
      return audit.workingDirectory(dir).usage(usage).build().scan(retrieved);
    } catch (IOException e) {
      throw new OrgAuditException("cannot prepare the temporary SFDX project ("
          + e.getClass().getSimpleName() + ")", e);
    } finally {
      deleteTree(dir);
    }
  }

  private static String checkAlias(String targetOrg) throws OrgAuditException {
    Objects.requireNonNull(targetOrg, "targetOrg");
    if (targetOrg.isEmpty() || targetOrg.startsWith("-") || targetOrg.length() > 255
        || !Printable.shortText(targetOrg).equals(targetOrg)) {
      throw new OrgAuditException("--target-org '" + Printable.shortText(targetOrg) + "' is not an"
          + " org alias or username (empty, starting with -, over 255 characters or holding"
          + " control characters)");
    }
    return targetOrg;
  }

  /** {@code sf} on the PATH: {@code sf}, or on Windows {@code sf.cmd} / {@code sf.exe}. */
  private static Path findOnPath() throws OrgAuditException {
    String path = System.getenv("PATH");
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT)
        .startsWith("windows");
    List<String> names = windows ? Arrays.asList("sf.cmd", "sf.exe", "sf") : Arrays.asList("sf");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator, -1)) {
        if (dir.isEmpty()) {
          continue; // an empty entry means the working directory: never run sf from there
        }
        for (String name : names) {
          Path candidate = Paths.get(dir, name);
          if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
            return candidate;
          }
        }
      }
    }
    throw new OrgAuditException("the Salesforce CLI (sf) is not on the PATH; " + INSTALL);
  }

  private static Path privateTempDir() throws IOException {
    try {
      return Files.createTempDirectory("pkce-audit-",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      Path dir = Files.createTempDirectory("pkce-audit-");
      File f = dir.toFile();
      boolean ok = f.setReadable(false, false) && f.setReadable(true, true)
          && f.setWritable(false, false) && f.setWritable(true, true)
          && f.setExecutable(false, false) && f.setExecutable(true, true);
      if (!ok) {
        deleteTree(dir);
        throw new IOException("cannot make the temporary directory owner-only");
      }
      return dir;
    }
  }

  /**
   * Runs one {@code sf} command and returns its JSON answer when {@code status} is 0.
   *
   * @throws OrgAuditException naming the command and what sf said (its error name and message,
   *     cleaned and capped), with what to run when the org is not authorised
   */
  private Map<?, ?> run(List<String> command, Path dir, String org, String name)
      throws OrgAuditException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().put("SF_AUTOUPDATE_DISABLE", "true");
    pb.environment().put("SF_DISABLE_TELEMETRY", "true");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new OrgAuditException("cannot run " + name + " (" + e.getClass().getSimpleName()
          + "); " + INSTALL, e);
    }
    BoundedReader out = new BoundedReader(p.getInputStream(), maxOutputBytes);
    BoundedReader err = new BoundedReader(p.getErrorStream(), maxOutputBytes);
    out.start();
    err.start();
    try {
      p.getOutputStream().close();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new OrgAuditException(name + " did not finish within " + timeoutSeconds
            + (timeoutSeconds == 1 ? " second" : " seconds") + "; it was stopped");
      }
      out.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
      err.join(TimeUnit.SECONDS.toMillis(timeoutSeconds));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new OrgAuditException(name + " was interrupted", e);
    } catch (IOException e) {
      p.destroyForcibly();
      throw new OrgAuditException(name + " could not be run (" + e.getClass().getSimpleName()
          + ")", e);
    }
    if (out.overflowed || err.overflowed) {
      throw new OrgAuditException(name + " printed more than " + maxOutputBytes + " bytes; not"
          + " read");
    }
    Map<?, ?> answer = answer(out.text());
    if (answer == null) {
      answer = answer(err.text()); // older sf versions print --json errors to stderr
    }
    if (answer == null) {
      throw new OrgAuditException(name + " exited " + p.exitValue() + " without the JSON that"
          + " --json promises; run it yourself to see why");
    }
    Object status = answer.get("status");
    if (status instanceof Number && ((Number) status).intValue() == 0 && p.exitValue() == 0) {
      return answer;
    }
    String errorName = text(answer.get("name"));
    String message = text(answer.get("message"));
    if (notAuthorised(errorName, message)) {
      throw new OrgAuditException("the org '" + Printable.shortText(org) + "' is not authorised in"
          + " the Salesforce CLI (" + Printable.shortText(errorName) + "); run sf org login web"
          + " --alias " + Printable.shortText(org));
    }
    throw new OrgAuditException(name + " failed: " + Printable.shortText(errorName)
        + (message.isEmpty() ? "" : ": " + Printable.clean(message, 300)));
  }

  private static Map<?, ?> answer(String text) {
    if (text.trim().isEmpty()) {
      return null;
    }
    try {
      Object v = JsonReader.parse(text.trim());
      return v instanceof Map ? (Map<?, ?>) v : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String text(Object o) {
    return o instanceof String ? (String) o : "";
  }

  /** sf's errors for an alias or username it holds no authorisation for, or an expired one. */
  private static boolean notAuthorised(String errorName, String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return errorName.equals("NoOrgFound") || errorName.equals("NamedOrgNotFoundError")
        || errorName.equals("NoAuthInfoFound") || errorName.equals("AuthInfoCreationError")
        || m.contains("no authorization information found")
        || m.contains("expired access/refresh token");
  }

  /** Deletes {@code dir} and everything below it, never following a link out of it. */
  private static void deleteTree(Path dir) {
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<Path>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      // Best effort: what could not be deleted is in an owner-only directory.
    }
  }

  /** Reads a stream to its end in the background, keeping at most {@code max} bytes. */
  private static final class BoundedReader extends Thread {
    private final InputStream in;
    private final int max;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private volatile boolean overflowed;

    BoundedReader(InputStream in, int max) {
      this.in = in;
      this.max = max;
      setDaemon(true);
    }

    @Override
    public void run() {
      byte[] buf = new byte[8192];
      try (InputStream s = in) {
        int n;
        while ((n = s.read(buf)) > 0) {
          if (bytes.size() + n > max) {
            overflowed = true;
          } else {
            bytes.write(buf, 0, n);
          }
        }
      } catch (IOException e) {
        // The process ended or was stopped; what was read is kept.
      }
    }

    String text() {
      return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Builds an {@link OrgAudit}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Path sf;
    private long timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
    private int maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES;

    private Builder() {}

    /**
     * The {@code sf} executable to run. Default: {@code sf} found on the {@code PATH}.
     *
     * @param sf the executable
     * @return this builder
     */
    public Builder sfExecutable(Path sf) {
      this.sf = Objects.requireNonNull(sf, "sf");
      return this;
    }

    /**
     * Time allowed for each {@code sf} command. Default 600 seconds.
     *
     * @param seconds a positive number of seconds
     * @return this builder
     */
    public Builder timeoutSeconds(long seconds) {
      if (seconds < 1) {
        throw new IllegalArgumentException("timeoutSeconds is " + seconds + "; it must be"
            + " positive");
      }
      this.timeoutSeconds = seconds;
      return this;
    }

    /**
     * Cap on what is read from each command's output. Default 16 MiB.
     *
     * @param bytes a positive number of bytes
     * @return this builder
     */
    public Builder maxOutputBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxOutputBytes is " + bytes + "; it must be"
            + " positive");
      }
      this.maxOutputBytes = bytes;
      return this;
    }

    /** {@return the org audit} */
    public OrgAudit build() {
      return new OrgAudit(this);
    }
  }
}
