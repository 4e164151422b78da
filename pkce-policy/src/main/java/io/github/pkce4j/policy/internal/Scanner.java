package io.github.pkce4j.policy.internal;

import io.github.pkce4j.policy.MetadataType;
import io.github.pkce4j.policy.ScanError;
import io.github.pkce4j.policy.ScannedFile;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

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

  private final ScanLimits limits;
  private final Path workingDirectory;
  private final SafeXml xml = new SafeXml();

  private final List<MetadataFile> files = new ArrayList<>();
  private final List<ScanError> errors = new ArrayList<>();
  private final List<ScannedFile> scanned = new ArrayList<>();
  private final List<ProjectRoot> projectRoots = new ArrayList<>();
  private byte[] buffer = new byte[64 * 1024];

  public Scanner(ScanLimits limits, Path workingDirectory) {
    this.limits = limits;
    this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
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

  /** The folders holding an {@code sfdx-project.json}: each is one SFDX project. */
  public List<ProjectRoot> projectRoots() {
    return projectRoots;
  }

  /** Scans one input: a directory, a {@code .zip}, or a single metadata file. */
  public void scan(int input, Path path) {
    String display = display(path);
    BasicFileAttributes attrs;
    try {
      // The input itself was named by the user, so a link there is followed.
      attrs = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      errors.add(ScanError.of(display, describe(e)));
      return;
    }
    if (attrs.isDirectory()) {
      walk(input, path, display);
    } else if (path.getFileName() != null
        && path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
      scanZip(input, path, display);
    } else {
      String name = path.getFileName() == null ? "" : path.getFileName().toString();
      MetadataType type = MetadataType.ofFileNameOrNull(name);
      if (type == null) {
        errors.add(ScanError.of(display, "not a directory, a .zip or a metadata file this audit"
            + " reads (*.connectedApp, *.eca*, OauthOidc.settings, with or without -meta.xml)"));
      } else if (!attrs.isRegularFile()) {
        errors.add(ScanError.of(display, "not a regular file"));
      } else {
        readFile(input, path, display, name, type, attrs.size());
      }
    }
  }

  private void walk(int input, Path start, String displayRoot) {
    Path root;
    try {
      root = start.toRealPath();
    } catch (IOException e) {
      errors.add(ScanError.of(displayRoot, describe(e)));
      return;
    }
    String prefix = displayRoot.equals(".") ? "" : displayRoot + "/";
    try {
      Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), Integer.MAX_VALUE,
          new SimpleFileVisitor<Path>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) {
              Path name = dir.getFileName();
              if (!dir.equals(root) && name != null
                  && (name.toString().equals(".git") || name.toString().equals("node_modules"))) {
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
                  Path dir = root.relativize(file).getParent();
                  String rel = dir == null ? "" : slashes(dir);
                  projectRoots.add(new ProjectRoot(input,
                      prefix.isEmpty() ? rel : rel.isEmpty() ? displayRoot : prefix + rel));
                }
                return FileVisitResult.CONTINUE;
              }
              String display = prefix + slashes(root.relativize(file));
              if (a.isSymbolicLink()) {
                errors.add(ScanError.of(display, "a symbolic link; links below an input are not"
                    + " followed, so the file was not read (name its target as an input)"));
              } else if (!a.isRegularFile()) {
                errors.add(ScanError.of(display, "not a regular file"));
              } else {
                readFile(input, file, display, name, type, a.size());
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              errors.add(ScanError.of(prefix + slashes(root.relativize(file)), describe(e)));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
              if (e != null) {
                errors.add(ScanError.of(prefix + slashes(root.relativize(dir)), describe(e)));
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      errors.add(ScanError.of(displayRoot, describe(e)));
    }
  }

  private void readFile(int input, Path file, String display, String name, MetadataType type,
      long size) {
    if (size > limits.maxFileBytes) {
      errors.add(ScanError.of(display, tooLarge(size)));
      return;
    }
    int length;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      length = readBounded(in, 0);
    } catch (IOException e) {
      errors.add(ScanError.of(display, describe(e)));
      return;
    } catch (BadInputException e) {
      errors.add(ScanError.of(display, e.getMessage()));
      return;
    }
    parse(input, display, name, type, length);
  }

  private void scanZip(int input, Path zipPath, String zipDisplay) {
    try (ZipFile zip = new ZipFile(zipPath.toFile())) {
      if (zip.size() > limits.maxZipEntries) {
        errors.add(ScanError.of(zipDisplay, "has " + zip.size() + " entries; the cap is "
            + limits.maxZipEntries + " (zip bomb?); not read"));
        return;
      }
      long total = 0;
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (entry.isDirectory()) {
          continue;
        }
        String entryName = entry.getName();
        String name = entryName.substring(entryName.lastIndexOf('/') + 1);
        MetadataType type = MetadataType.ofFileNameOrNull(name);
        if (type == null) {
          continue;
        }
        String display = zipDisplay + "!/" + printable(entryName);
        if (escapesRoot(entryName)) {
          errors.add(ScanError.of(display, "the entry's path leaves the archive root (absolute,"
              + " or with a '..' segment); refused and never extracted"));
          continue;
        }
        if (entry.getSize() > limits.maxFileBytes) {
          errors.add(ScanError.of(display, tooLarge(entry.getSize())));
          continue;
        }
        int length;
        try (InputStream in = zip.getInputStream(entry)) {
          // The central directory gives the compressed size; if it is missing, the size cap
          // still bounds the entry.
          length = readBounded(in, Math.max(entry.getCompressedSize(), 0));
        } catch (BadInputException e) {
          errors.add(ScanError.of(display, e.getMessage()));
          continue;
        } catch (IOException e) {
          errors.add(ScanError.of(display, "could not be decompressed: " + describe(e)));
          continue;
        }
        total += length;
        if (total > limits.maxZipTotalBytes) {
          errors.add(ScanError.of(zipDisplay, "holds more than " + limits.maxZipTotalBytes
              + " bytes of metadata; the rest of the archive was not read"));
          return;
        }
        parse(input, display, name, type, length);
      }
    } catch (IOException | RuntimeException e) {
      // ZipFile throws ZipException for a corrupt archive and IllegalArgumentException for an
      // entry name that is not valid in the archive's charset.
      errors.add(ScanError.of(zipDisplay, "not a readable zip archive: " + describe(e)));
    }
  }

  /**
   * Reads {@code in} into {@link #buffer}, failing past the file cap or, for a zip entry with
   * {@code compressedSize > 0}, past the compression-ratio cap.
   */
  private int readBounded(InputStream in, long compressedSize)
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
      if (compressedSize > 0 && length > RATIO_GRACE_BYTES
          && length / compressedSize > limits.maxZipRatio) {
        throw new BadInputException(0, "expands more than " + limits.maxZipRatio
            + " times its compressed size (zip bomb?); not read");
      }
    }
  }

  private void parse(int input, String display, String name, MetadataType type, int length) {
    XmlDoc doc;
    try {
      doc = xml.parse(buffer, length);
    } catch (BadInputException e) {
      errors.add(e.line() > 0 ? ScanError.at(display, e.line(), e.getMessage())
          : ScanError.of(display, e.getMessage()));
      return;
    }
    if (!doc.root().equals(type.typeName())) {
      errors.add(ScanError.at(display, doc.rootLine(), "the root element is <"
          + printable(doc.root()) + ">; a file with this suffix holds <" + type.typeName() + ">"));
      return;
    }
    files.add(new MetadataFile(input, display, name, type, doc));
    scanned.add(ScannedFile.of(display, type));
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

  /** A name from an archive, safe to print: control characters replaced, length capped. */
  private static String printable(String s) {
    String clean = s.replaceAll("\\p{Cntrl}", "?");
    return clean.length() > 300 ? clean.substring(0, 300) + "…" : clean;
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
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + printable(m));
  }
}
