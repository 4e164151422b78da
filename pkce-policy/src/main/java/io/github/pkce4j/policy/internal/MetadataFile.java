package io.github.pkce4j.policy.internal;

import io.github.pkce4j.policy.MetadataType;

/** One parsed metadata file: where it came from, its type and its content. */
public final class MetadataFile {
  private final int input;
  private final String archive;
  private final String path;
  private final String fileName;
  private final MetadataType type;
  private final XmlDoc doc;

  MetadataFile(int input, String archive, String path, String fileName, MetadataType type,
      XmlDoc doc) {
    this.input = input;
    this.archive = archive;
    this.path = path;
    this.fileName = fileName;
    this.type = type;
    this.doc = doc;
  }

  /** The index of the scanned input (directory, zip or file) this file came from. */
  public int input() {
    return input;
  }

  /** The zip holding this file, as displayed, or {@code null} for a file not in a zip. */
  public String archiveOrNull() {
    return archive;
  }

  /** The display path, forward slashes. */
  public String path() {
    return path;
  }

  public MetadataType type() {
    return type;
  }

  public XmlDoc doc() {
    return doc;
  }

  /** The component's API name from the file name: {@code Foo} for {@code Foo.connectedApp}. */
  public String componentName() {
    String name = fileName.endsWith(MetadataType.SOURCE_SUFFIX)
        ? fileName.substring(0, fileName.length() - MetadataType.SOURCE_SUFFIX.length())
        : fileName;
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /**
   * The folder that holds this file's type folder: {@code force-app/main/default} for
   * {@code force-app/main/default/settings/OauthOidc.settings-meta.xml}. Used to pair org-wide
   * settings with the apps of the same project.
   */
  public String metadataRoot() {
    int last = path.lastIndexOf('/');
    if (last < 0) {
      return "";
    }
    int folder = path.lastIndexOf('/', last - 1);
    return folder < 0 ? "" : path.substring(0, folder);
  }
}
