package io.github.pkce4j.policy.internal;

import io.github.pkce4j.policy.MetadataType;
import io.github.pkce4j.policy.ScanError;
import io.github.pkce4j.policy.ScannedFile;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.IntConsumer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Finds and parses the metadata files in directories, retrieve zips and single files.
 *
 * <p>Security: symbolic links below an input are never followed (so a link loop or a link out of
 * the input cannot be walked); zip entries are read in memory and never extracted, and entries
 * whose names leave the archive root are refused; every file and entry is size-capped before
 * and while it is read; zips are capped in entries, total bytes and compression ratio. Each
 * problem becomes a {@link ScanError} for that file, and the scan goes on.
 */
public final class Scanner {
  /** Ratios are only judged past this many bytes: tiny files compress unevenly. */
  private static final int RATIO_GRACE_BYTES = 64 * 1024;
  private static final String SFDX_PROJECT_FILE = "sfdx-project.json";
  /**
   * Folders below an input that are never walked: version control, build output and tool caches,
   * which hold copies of the metadata (or none) rather than the metadata that deploys.
   */
  static final Set<String> SKIPPED_FOLDERS = Collections.unmodifiableSet(new HashSet<>(
      Arrays.asList(".git", "target", "build", "node_modules", ".sfdx", ".sf")));

  private final ScanLimits limits;
  private final Path workingDirectory;
  private final SafeXml xml = new SafeXml();

  private final List<MetadataFile> files = new ArrayList<>();
  private final List<ScanError> errors = new ArrayList<>();
  private final List<ScannedFile> scanned = new ArrayList<>();
  private final List<ProjectRoot> projectRoots = new ArrayList<>();
  private final List<String> inputs = new ArrayList<>();
  private byte[] buffer = new byte[64 * 1024];
  private final IntConsumer onFileRead;

  public Scanner(ScanLimits limits, Path workingDirectory, IntConsumer onFileRead) {
    this.limits = limits;
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    this.onFileRead = onFileRead;
  }

  public List<MetadataFile> files() {
    return files;
  }

  public List<ScanError> errors() {
    return errors;
  }

  public List<ScannedFile> scanned() {
    return scanned;
  }

  /** Each input as displayed, by its index. */
  public List<String> inputs() {
    return inputs;
  }

  /** The folders holding an {@code sfdx-project.json}: each is one SFDX project. */
  public List<ProjectRoot> projectRoots() {
    return projectRoots;
  }

  /** Scans one input: a directory, a {@code .zip}, or a single metadata file. */
  public void scan(int inputIndex, Path path) {
    String display = display(path);
    while (inputs.size() <= inputIndex) {
      inputs.add(display);
    }
    int errorsBefore = errors.size();
    int appFilesBefore = appFiles();
    scanInput(inputIndex, path, display);
    if (errors.size() == errorsBefore && appFiles() == appFilesBefore) {
      // A CI job pointed at the wrong folder must not pass for want of anything to check.
      errors.add(ScanError.of(display, "no Connected App or External Client App metadata found"
          + " (no *.connectedApp or *.eca* files), so nothing here was checked"));
    }
  }

  private int appFiles() {
    int n = 0;
    for (MetadataFile f : files) {
      if (f.type() != MetadataType.OAUTH_OIDC_SETTINGS) {
        n++;
      }
    }
    return n;
  }

  private void scanInput(int inputIndex, Path path, String display) {
    BasicFileAttributes attrs;
    try {
      // The input itself was named by the user, so a link there is followed.
      attrs = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      errors.add(ScanError.of(display, describe(e)));
      return;
    }
    if (attrs.isDirectory()) {
      walk(inputIndex, path, display);
    } else if (path.getFileName() != null
        && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
      scanZip(inputIndex, path, display);
    } else {
      String name = path.getFileName() == null ? "" : path.getFileName().toString();
      MetadataType type = MetadataType.ofFileNameOrNull(name);
      if (type == null) {
        errors.add(ScanError.of(display, "not a directory, a .zip or a metadata file this audit"
            + " reads (*.connectedApp, *.eca*, OauthOidc.settings, with or without -meta.xml)"));
      } else if (!attrs.isRegularFile()) {
        errors.add(ScanError.of(display, "not a regular file"));
      } else {
        readFile(inputIndex, path, display, name, type, attrs.size());
      }
    }
  }

  private void walk(int inputIndex, Path start, String displayRoot) {
    Path root;
    try {
      root = start.toRealPath();
    } catch (IOException e) {
      errors.add(ScanError.of(displayRoot, describe(e)));
      return;
    }
    try {
      Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE,
          new InputWalker(inputIndex, root, displayRoot));
    } catch (IOException e) {
      errors.add(ScanError.of(displayRoot, describe(e)));
    }
  }

  /**
   * Walks one directory input without following links: reads each metadata file, notes each SFDX
   * project root, and turns every unreadable entry into a {@link ScanError}.
   */
  private final class InputWalker extends SimpleFileVisitor<Path> {
    private final int inputIndex;
    private final Path root;
    private final String displayRoot;
    /** What goes before a path relative to {@code root}: "" for ".", else the input and "/". */
    private final String prefix;

    InputWalker(int inputIndex, Path root, String displayRoot) {
      this.inputIndex = inputIndex;
      this.root = root;
      this.displayRoot = displayRoot;
      this.prefix = displayRoot.equals(".") ? "" : displayRoot + "/";
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
      Path name = dir.getFileName();
      if (!dir.equals(root) && name != null && SKIPPED_FOLDERS.contains(name.toString())) {
        return FileVisitResult.SKIP_SUBTREE;
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes a) {
      String name = file.getFileName().toString();
      MetadataType type = MetadataType.ofFileNameOrNull(name);
      if (type == null) {
        if (name.equals(SFDX_PROJECT_FILE)) {
          projectRoots.add(new ProjectRoot(inputIndex, projectRootDisplay(file)));
        }
        return FileVisitResult.CONTINUE;
      }
      String display = display(file);
      if (a.isSymbolicLink()) {
        errors.add(ScanError.of(display, "a symbolic link; links below an input are not"
            + " followed, so the file was not read (name its target as an input)"));
      } else if (!a.isRegularFile()) {
        errors.add(ScanError.of(display, "not a regular file"));
      } else {
        readFile(inputIndex, file, display, name, type, a.size());
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      errors.add(ScanError.of(display(file), describe(e)));
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
      if (e != null) {
        errors.add(ScanError.of(display(dir), describe(e)));
      }
      return FileVisitResult.CONTINUE;
    }

    /** A path below the input as the report shows it. */
    private String display(Path below) {
      return prefix + slashes(root.relativize(below));
    }

    /**
     * The folder holding {@code projectFile} as the report shows it: the input itself is shown
     * by its own name ("" when that is the working directory), a folder below it by its path.
     */
    private String projectRootDisplay(Path projectFile) {
      Path dir = root.relativize(projectFile).getParent();
      if (dir == null) {
        return prefix.isEmpty() ? "" : displayRoot;
      }
      return prefix + slashes(dir);
    }
  }

  private void readFile(int inputIndex, Path file, String display, String name, MetadataType type,
      long size) {
    if (size > limits.maxFileBytes) {
      errors.add(ScanError.of(display, tooLarge(size)));
      return;
    }
    int length;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      // One buffer of the file's size (the size cap is checked above), not a series of doublings.
      if (size >= buffer.length) {
        buffer = new byte[(int) size + 1];
      }
      length = readBounded(in, null);
    } catch (IOException e) {
      errors.add(ScanError.of(display, describe(e)));
      return;
    } catch (BadInputException e) {
      errors.add(ScanError.of(display, e.getMessage()));
      return;
    }
    parse(inputIndex, null, display, name, type, length);
  }

  /**
   * Reads a zip's metadata entries. The entries are streamed from their local headers with an
   * inflater whose consumed input is counted, so the compression ratio is judged on the bytes
   * really read, never on a size the archive declares; the central directory is read too, for
   * the entry cap, and an entry whose real sizes or CRC disagree with either header is refused.
   */
  /**
   * Reads one metadata file's bytes as if from a file named {@code name}: the same caps, parser
   * and checks as a file on disk. For tests and the fuzzer, which feed bytes without a disk.
   */
  void read(int inputIndex, String name, MetadataType type, byte[] bytes) {
    int length;
    try {
      length = readBounded(new ByteArrayInputStream(bytes), null);
    } catch (IOException e) {
      throw new IllegalStateException("reading bytes in memory cannot fail", e);
    } catch (BadInputException e) {
      errors.add(ScanError.of(name, e.getMessage()));
      return;
    }
    parse(inputIndex, null, name, name, type, length);
  }

  private void scanZip(int inputIndex, Path zipPath, String zipDisplay) {
    try (ZipFile zip = new ZipFile(zipPath.toFile());
        CountingZipInputStream in = new CountingZipInputStream(
            new BufferedInputStream(Files.newInputStream(zipPath)))) {
      if (zip.size() > limits.maxZipEntries) {
        errors.add(ScanError.of(zipDisplay, "has " + zip.size() + " entries; the cap is "
            + limits.maxZipEntries + " (zip bomb?); not read"));
        return;
      }
      long total = 0;
      ZipEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        if (entry.isDirectory()) {
          continue;
        }
        String entryName = entry.getName();
        String name = entryName.substring(entryName.lastIndexOf('/') + 1);
        MetadataType type = MetadataType.ofFileNameOrNull(name);
        String display = zipDisplay + "!/" + Printable.clean(entryName, 300);
        if (type == null) {
          total += skip(in);
          if (total > limits.maxZipTotalBytes) {
            errors.add(ScanError.of(zipDisplay, totalTooLarge()));
            return;
          }
          continue;
        }
        if (escapesRoot(entryName)) {
          errors.add(ScanError.inArchive(zipDisplay, display, "the entry's path leaves the"
              + " archive root (absolute, or with a '..' segment); refused and never extracted"));
          continue;
        }
        ZipEntry listed = zip.getEntry(entryName);
        if (listed == null) {
          errors.add(ScanError.inArchive(zipDisplay, display, "the entry is not listed in the"
              + " zip's central directory (a tampered archive?); not read"));
          continue;
        }
        if (listed.getSize() > limits.maxFileBytes || entry.getSize() > limits.maxFileBytes) {
          errors.add(ScanError.inArchive(zipDisplay, display,
              tooLarge(Math.max(listed.getSize(), entry.getSize()))));
          continue;
        }
        int length;
        try {
          length = readBounded(in, in);
        } catch (BadInputException e) {
          errors.add(ScanError.inArchive(zipDisplay, display, e.getMessage()));
          return; // the stream is mid-entry: nothing after it can be trusted
        } catch (IOException e) {
          // ZipInputStream checks the entry against its local header: "invalid entry size".
          errors.add(ScanError.inArchive(zipDisplay, display, "could not be decompressed: "
              + describe(e) + "; the rest of the archive was not read"));
          return;
        }
        long compressed = entry.getMethod() == ZipEntry.STORED ? length : in.compressedBytes();
        if (listed.getSize() != length || listed.getCompressedSize() != compressed
            || listed.getCrc() != entry.getCrc()) {
          errors.add(ScanError.inArchive(zipDisplay, display, "the zip's central directory"
              + " declares " + listed.getCompressedSize() + " compressed and " + listed.getSize()
              + " uncompressed bytes, but the entry has " + compressed + " and " + length
              + (listed.getCrc() != entry.getCrc() ? ", and another CRC" : "")
              + " (a tampered archive?); not read"));
          continue;
        }
        total += length;
        if (total > limits.maxZipTotalBytes) {
          errors.add(ScanError.of(zipDisplay, totalTooLarge()));
          return;
        }
        parse(inputIndex, zipDisplay, display, name, type, length);
      }
    } catch (IOException | RuntimeException e) {
      // ZipFile throws ZipException for a corrupt archive and IllegalArgumentException for an
      // entry name that is not valid in the archive's charset.
      errors.add(ScanError.of(zipDisplay, "not a readable zip archive: " + describe(e)));
    }
  }

  private String totalTooLarge() {
    return "holds more than " + limits.maxZipTotalBytes + " bytes; the rest of the archive was"
        + " not read";
  }

  /** Reads past an entry the audit does not parse; returns its uncompressed size. */
  private long skip(InputStream in) throws IOException {
    long n = 0;
    int r;
    while ((r = in.read(buffer, 0, Math.min(buffer.length, 64 * 1024))) >= 0) {
      n += r;
      if (n > limits.maxZipTotalBytes) {
        break;
      }
    }
    return n;
  }

  /** A {@link ZipInputStream} that tells how many compressed bytes the current entry used. */
  private static final class CountingZipInputStream extends ZipInputStream {
    CountingZipInputStream(InputStream in) {
      super(in);
    }

    /** The compressed bytes the inflater has consumed for the current entry. */
    long compressedBytes() {
      return inf.getBytesRead();
    }
  }

  /**
   * Reads {@code in} into {@link #buffer}, failing past the file cap or, for a zip entry
   * ({@code zip} not null), past the compression-ratio cap, judged on the compressed bytes the
   * inflater really consumed.
   */
  private int readBounded(InputStream in, CountingZipInputStream zip)
      throws IOException, BadInputException {
    int length = 0;
    while (true) {
      if (length == buffer.length) {
        if (buffer.length > limits.maxFileBytes) {
          throw new BadInputException(0, tooLarge(length));
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2,
            limits.maxFileBytes + 1));
      }
      int n = in.read(buffer, length, buffer.length - length);
      if (n < 0) {
        return length;
      }
      length += n;
      if (length > limits.maxFileBytes) {
        throw new BadInputException(0, tooLarge(length));
      }
      if (zip != null && length > RATIO_GRACE_BYTES
          && length / Math.max(zip.compressedBytes(), 1) > limits.maxZipRatio) {
        throw new BadInputException(0, "expands more than " + limits.maxZipRatio
            + " times the compressed bytes it was read from (zip bomb?); not read");
      }
    }
  }

  /** @param archive the zip holding the file, as displayed, or {@code null} */
  private void parse(int inputIndex, String archive, String display, String name, MetadataType type,
      int length) {
    XmlDoc doc;
    try {
      doc = xml.parse(buffer, length);
    } catch (BadInputException e) {
      errors.add(ScanError.inArchive(archive, display, e.line(), e.getMessage()));
      return;
    }
    if (!doc.root().equals(type.typeName())) {
      errors.add(ScanError.inArchive(archive, display, doc.rootLine(), "the root element is <"
          + Printable.shortText(doc.root()) + ">; a file with this suffix holds <"
          + type.typeName() + "> in the Metadata API namespace " + SafeXml.METADATA_NAMESPACE));
      return;
    }
    files.add(new MetadataFile(inputIndex, archive, display, name, type, doc));
    scanned.add(ScannedFile.of(display, type));
    onFileRead.accept(scanned.size());
  }

  private String tooLarge(long size) {
    return "larger than the " + limits.maxFileBytes + "-byte cap for one metadata file"
        + " (" + size + " bytes or more); not read";
  }

  static boolean escapesRoot(String entryName) {
    String n = entryName.replace('\\', '/');
    if (n.startsWith("/") || (n.length() > 1 && n.charAt(1) == ':')) {
      return true;
    }
    for (String segment : n.split("/")) {
      if (segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The path as the user will recognise it: relative to the working directory when it lies below
   * it or was given as a relative path ({@code ../other/force-app}), absolute otherwise.
   */
  private String display(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    if (abs.startsWith(workingDirectory) || !path.isAbsolute()) {
      String rel = slashes(workingDirectory.relativize(abs));
      return rel.isEmpty() ? "." : rel;
    }
    return slashes(abs);
  }

  private static String slashes(Path p) {
    String s = p.toString();
    return p.getFileSystem().getSeparator().equals("/") ? s
        : s.replace(p.getFileSystem().getSeparator(), "/");
  }

  private static String describe(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemLoopException) {
      return "a symbolic link loop";
    }
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + Printable.clean(m, 300));
  }
}
