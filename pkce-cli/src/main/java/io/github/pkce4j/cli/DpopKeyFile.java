package io.github.pkce4j.cli;

import io.github.pkce4j.client.DpopKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * A DPoP key kept in a file as a private JWK ({@code --dpop-key FILE}), for {@code pkce login}
 * and for every later command that must sign with the same key: a server binds a public client's
 * refresh token to the key of the login (RFC 9449 section 5), so {@code pkce refresh} loads the
 * login's file with {@link #load} and never makes a new key.
 *
 * <p>Security: the file holds the private key. It is created readable and writable by its owner
 * only (on POSIX file systems, with those permissions from the first byte), and an existing file
 * that its group or others can read or write, or that is not a regular file (a symbolic link, a
 * directory), is refused. Messages name the file, never its content.
 */
final class DpopKeyFile {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private DpopKeyFile() {}

  /**
   * The key in {@code file}, or a new key written there if the file does not exist.
   *
   * @throws IllegalArgumentException if the file is unsafe, unreadable, or not a DPoP key;
   *     the message names the file and the fix
   */
  static DpopKey loadOrCreate(Path file) {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return load(file);
    }
    DpopKey key = DpopKey.generate();
    try {
      write(file, key.serialize() + "\n");
    } catch (FileAlreadyExistsException e) {
      return load(file); // made meanwhile by another process: use that one
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot create the DPoP key file " + file + ": "
          + TerminalText.line(Failures.describe(e)));
    }
    return key;
  }

  /**
   * The key in {@code file}, which must exist (a refresh needs the login's key).
   *
   * @throws IllegalArgumentException if the file is missing, unsafe, unreadable, or not a DPoP
   *     key
   */
  static DpopKey load(Path file) {
    checkSafe(file);
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      bytes = readBounded(in, file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("no DPoP key file " + file + "; give the --dpop-key"
          + " file of the login whose tokens these are (RFC 9449 section 5 binds them to its key)");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the DPoP key file " + file + ": "
          + TerminalText.line(Failures.describe(e)));
    }
    String text = new String(bytes, StandardCharsets.UTF_8).trim();
    try {
      return DpopKey.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the DPoP key file " + file + " does not hold a DPoP"
          + " key written by pkce login: " + e.getMessage());
    }
  }

  private static byte[] readBounded(InputStream in, Path file) throws IOException {
    byte[] buffer = new byte[DpopKey.MAX_SERIALIZED_CHARS + 2];
    int n = 0;
    for (int r; n < buffer.length && (r = in.read(buffer, n, buffer.length - n)) > 0; ) {
      n += r;
    }
    if (n == buffer.length) {
      throw new IllegalArgumentException("the DPoP key file " + file + " is larger than "
          + (DpopKey.MAX_SERIALIZED_CHARS + 1) + " bytes; it is not a key written by pkce login");
    }
    return java.util.Arrays.copyOf(buffer, n);
  }

  /** A regular file (not a link), and on POSIX readable and writable by its owner only. */
  private static void checkSafe(Path file) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return; // reported as missing when read
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("the DPoP key file " + file + " is not a regular file"
          + " (a symbolic link or a directory); give the path of the key file itself");
    }
    PosixFileAttributeView posix =
        Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (posix == null) {
      return; // not a POSIX file system (Windows): the ACLs of the user's profile apply
    }
    Set<PosixFilePermission> permissions;
    try {
      permissions = posix.readAttributes().permissions();
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the permissions of the DPoP key file "
          + file + ": " + TerminalText.line(Failures.describe(e)));
    }
    Set<PosixFilePermission> extra = EnumSet.copyOf(permissions);
    extra.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
        PosixFilePermission.OWNER_EXECUTE));
    if (!extra.isEmpty()) {
      throw new IllegalArgumentException("the DPoP key file " + file + " is accessible to its"
          + " group or others (" + PosixFilePermissions.toString(permissions) + "); it holds a"
          + " private key: run chmod 600 " + file + ", or give a new file name for a new key");
    }
  }

  /** Writes a new file, owner-only from the start where the file system has POSIX permissions. */
  private static void write(Path file, String content) throws IOException {
    boolean posix = Files.getFileStore(file.toAbsolutePath().getParent())
        .supportsFileAttributeView(PosixFileAttributeView.class);
    if (posix) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      // the umask cannot widen an explicit mode, but a default ACL could: set it once more
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    } else {
      Files.createFile(file);
      java.io.File f = file.toFile();
      boolean owner = f.setReadable(false, false) & f.setReadable(true, true)
          & f.setWritable(false, false) & f.setWritable(true, true);
      if (!owner) {
        Files.delete(file);
        throw new IOException("cannot restrict the file to its owner");
      }
    }
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }
}
