package io.github.pkce4j.policy;

import java.util.Objects;

/**
 * A metadata file the audit read and classified, so a report shows what it covered.
 *
 * @since 0.1.0
 */
public final class ScannedFile {
  private final String path;
  private final MetadataType type;

  private ScannedFile(String path, MetadataType type) {
    this.path = Objects.requireNonNull(path, "path");
    this.type = Objects.requireNonNull(type, "type");
  }

  /**
   * {@return a file at {@code path} (as in {@link Finding#file()}) of {@code type}}
   *
   * @param path the path, as in {@link Finding#file()}
   * @param type the metadata type
   */
  public static ScannedFile of(String path, MetadataType type) {
    return new ScannedFile(path, type);
  }

  /** {@return the path, as in {@link Finding#file()}} */
  public String path() {
    return path;
  }

  /** {@return the metadata type, from its suffix and confirmed by its root element} */
  public MetadataType type() {
    return type;
  }

  @Override
  public String toString() {
    return path + " (" + type.typeName() + ")";
  }
}
