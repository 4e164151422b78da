package io.github.pkce4j.policy.internal;

/**
 * A folder holding an {@code sfdx-project.json}: its package directories are one org's
 * metadata, so org-wide settings in one package directory cover apps in the others.
 */
public final class ProjectRoot {
  final int input;
  final String path;

  ProjectRoot(int input, String path) {
    this.input = input;
    this.path = path;
  }

  /** True if {@code file} (a display path) lies below this folder. */
  boolean contains(String file) {
    return path.isEmpty() || path.equals(".") || file.startsWith(path + "/");
  }
}
