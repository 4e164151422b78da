package io.github.pkce4j.policy;

import io.github.pkce4j.policy.internal.Auditor;
import io.github.pkce4j.policy.internal.ScanLimits;
import io.github.pkce4j.policy.internal.Scanner;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Audits retrieved Salesforce metadata for the two PKCE controls of the Security Health Review
 * ({@link Control}): which Connected Apps and External Client Apps leave the authorization-code
 * flow without PKCE (RFC 7636).
 *
 * <pre>{@code
 * Report report = PkceAudit.defaults().scan(Paths.get("force-app"));
 * for (Finding f : report.findings()) {
 *   System.out.println(f.status() + " " + f.app() + " " + f.file() + ":" + f.line());
 * }
 * }</pre>
 *
 * <p>Inputs are directories (SFDX source layout or Metadata API layout: files are matched by
 * suffix wherever they sit), retrieve {@code .zip} files, or single metadata files. Each input is
 * taken as one org's metadata: External Client App files are joined, and org-wide settings
 * applied, within an input.
 *
 * <p>Security: inputs are treated as hostile. XML is parsed with StAX with DTDs refused and
 * external entities off; files and zip entries are size-capped; zip entries are read in memory,
 * never extracted; symbolic links below an input are not followed. A file that breaks a rule
 * becomes a {@link ScanError} and the scan goes on. A {@link Report} with errors is incomplete.
 *
 * <p>Instances are immutable and may be shared; each {@code scan} call is independent.
 *
 * @since 0.1.0
 */
public final class PkceAudit {
  /** Default cap on one metadata file or zip entry: 16 MiB. */
  public static final long DEFAULT_MAX_FILE_BYTES = 16L * 1024 * 1024;
  /** Default cap on the entries of one zip: 100,000. */
  public static final int DEFAULT_MAX_ZIP_ENTRIES = 100_000;
  /** Default cap on the metadata bytes read from one zip: 1 GiB. */
  public static final long DEFAULT_MAX_ZIP_TOTAL_BYTES = 1024L * 1024 * 1024;
  /** Default cap on an entry's compression ratio: 100. */
  public static final int DEFAULT_MAX_ZIP_RATIO = 100;

  private static final IntConsumer NO_PROGRESS = filesRead -> { };

  private final ScanLimits limits;
  private final Path workingDirectory;
  private final Set<Control> controls;
  private final OrgUsage usage;
  private final IntConsumer onFileRead;

  private PkceAudit(Builder b) {
    this.controls = Collections.unmodifiableSet(EnumSet.copyOf(b.controls));
    this.usage = b.usage;
    this.onFileRead = b.onFileRead;
    this.limits = new ScanLimits(b.maxFileBytes, b.maxZipEntries, b.maxZipTotalBytes,
        b.maxZipRatio);
    this.workingDirectory = b.workingDirectory;
  }

  /**
   * The audit with the default caps and the process's working directory, as {@code
   * builder().build()} gives it; like {@code PkceServerRules.defaults()} in pkce-core.
   *
   * @return the default audit
   */
  public static PkceAudit defaults() {
    return builder().build();
  }

  /**
   * A builder with the default caps.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Scans {@code inputs}; see {@link #scan(Collection)}.
   *
   * @param inputs directories, retrieve {@code .zip} files or metadata files
   * @return the report
   */
  public Report scan(Path... inputs) {
    return scan(Arrays.asList(inputs));
  }

  /**
   * Scans each input (a directory, a {@code .zip}, or a metadata file) and evaluates both controls.
   * Never throws for unreadable or hostile input: such problems are in {@link Report#errors()}.
   *
   * @param inputs directories, retrieve {@code .zip} files or metadata files
   * @return the report
   */
  public Report scan(Collection<Path> inputs) {
    Objects.requireNonNull(inputs, "inputs");
    Scanner scanner = new Scanner(limits, workingDirectory, onFileRead);
    int i = 0;
    for (Path input : inputs) {
      scanner.scan(i++, Objects.requireNonNull(input, "input"));
    }
    Auditor auditor = new Auditor(controls);
    auditor.evaluate(scanner.files(), scanner.projectRoots(), scanner.inputs());
    List<ScanError> errors = new ArrayList<>(scanner.errors());
    errors.addAll(auditor.errors());
    errors.sort(Comparator.comparing(ScanError::file).thenComparingInt(ScanError::line));
    return Report.of(auditor.findings(), errors, scanner.scanned(), controls, usage);
  }

  /**
   * Builds a {@link PkceAudit}. The defaults suit real org retrieves; lower caps suit a service
   * that audits uploads.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
    private int maxZipEntries = DEFAULT_MAX_ZIP_ENTRIES;
    private long maxZipTotalBytes = DEFAULT_MAX_ZIP_TOTAL_BYTES;
    private int maxZipRatio = DEFAULT_MAX_ZIP_RATIO;
    private Path workingDirectory = Paths.get("").toAbsolutePath();
    private Set<Control> controls = Control.defaults();
    private OrgUsage usage = OrgUsage.unknown();
    private IntConsumer onFileRead = NO_PROGRESS;

    private Builder() {}

    /**
     * Tells {@code listener}, on the scanning thread, how many metadata files have been read
     * so far, each time one more is read: for a progress display in a long audit. Default: no one.
     *
     * @param listener called with the count of metadata files read, 1, 2, 3, ...
     * @return this builder
     */
    public Builder onFileRead(IntConsumer listener) {
      this.onFileRead = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The controls to evaluate. Default: {@link Control#defaults()}, the two PKCE controls; see
     * {@link Control#parseGroups(String)} for the optional OAuth controls around them.
     *
     * @param controls one or more controls
     * @return this builder
     */
    public Builder controls(Collection<Control> controls) {
      if (Objects.requireNonNull(controls, "controls").isEmpty()) {
        throw new IllegalArgumentException("controls is empty; name at least one control");
      }
      Set<Control> c = EnumSet.noneOf(Control.class);
      for (Control control : controls) {
        c.add(Objects.requireNonNull(control, "control"));
      }
      this.controls = c;
      return this;
    }

    /**
     * Which apps are in use in the org, so that a report can say what requiring PKCE would
     * break. Default: {@link OrgUsage#unknown()}.
     *
     * @param usage the org's usage
     * @return this builder
     */
    public Builder usage(OrgUsage usage) {
      this.usage = Objects.requireNonNull(usage, "usage");
      return this;
    }

    /**
     * Files and zip entries larger than this are not read. Default 16 MiB.
     *
     * @param bytes a positive number of bytes
     * @return this builder
     */
    public Builder maxFileBytes(long bytes) {
      this.maxFileBytes = positive(bytes, "maxFileBytes");
      return this;
    }

    /**
     * Zips with more entries than this are not read. Default 100,000.
     *
     * @param entries a positive number of entries
     * @return this builder
     */
    public Builder maxZipEntries(int entries) {
      this.maxZipEntries = (int) positive(entries, "maxZipEntries");
      return this;
    }

    /**
     * Reading a zip stops after this many bytes of metadata. Default 1 GiB.
     *
     * @param bytes a positive number of bytes
     * @return this builder
     */
    public Builder maxZipTotalBytes(long bytes) {
      this.maxZipTotalBytes = positive(bytes, "maxZipTotalBytes");
      return this;
    }

    /**
     * Zip entries that expand more than this many times are not read. Default 100.
     *
     * @param ratio a positive ratio of uncompressed to compressed size
     * @return this builder
     */
    public Builder maxZipRatio(int ratio) {
      this.maxZipRatio = (int) positive(ratio, "maxZipRatio");
      return this;
    }

    /**
     * Paths in the report are relative to this directory when they lie below it, so that SARIF
     * locations match the repository checked out there. Default: the process's working directory.
     *
     * @param dir a directory
     * @return this builder
     */
    public Builder workingDirectory(Path dir) {
      this.workingDirectory = Objects.requireNonNull(dir, "dir").toAbsolutePath();
      return this;
    }

    /** {@return the audit} */
    public PkceAudit build() {
      return new PkceAudit(this);
    }

    private static long positive(long value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " is " + value + "; it must be positive");
      }
      return value;
    }
  }
}
