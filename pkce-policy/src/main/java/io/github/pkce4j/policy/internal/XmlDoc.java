package io.github.pkce4j.policy.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A metadata file reduced to what the controls read: the root element and, for each element path
 * below it (local names joined by {@code /}, e.g. {@code oauthConfig/isPkceRequired}), its first
 * line and the text of its leaf occurrences.
 */
public final class XmlDoc {
  /** A leaf element's text and 1-based line. */
  public static final class Leaf {
    private final String text;
    private final int line;

    Leaf(String text, int line) {
      this.text = text;
      this.line = line;
    }

    /** The element's text, trimmed. */
    public String text() {
      return text;
    }

    /** The element's 1-based line. */
    public int line() {
      return line;
    }
  }

  private final String root;
  private final int rootLine;
  private final Map<String, Integer> elementLines = new HashMap<>();
  private final Map<String, List<Leaf>> leaves = new HashMap<>();

  XmlDoc(String root, int rootLine) {
    this.root = root;
    this.rootLine = rootLine;
  }

  void element(String path, int line) {
    if (!elementLines.containsKey(path)) {
      elementLines.put(path, line);
    }
  }

  void leaf(String path, String text, int line) {
    List<Leaf> list = leaves.get(path);
    if (list == null) {
      list = new ArrayList<>(1);
      leaves.put(path, list);
    }
    list.add(new Leaf(text, line));
  }

  /** The root element's local name. */
  public String root() {
    return root;
  }

  /** The root element's 1-based line. */
  public int rootLine() {
    return rootLine;
  }

  /** True if an element with this path occurs. */
  public boolean has(String path) {
    return elementLines.containsKey(path);
  }

  /** The first line of the element with this path, or the root's line if it does not occur. */
  public int lineOf(String path) {
    Integer line = elementLines.get(path);
    return line != null ? line : rootLine;
  }

  /** The first leaf with this path, or {@code null}. */
  public Leaf firstOrNull(String path) {
    List<Leaf> list = leaves.get(path);
    return list == null ? null : list.get(0);
  }

  /** The first leaf's text with this path, or {@code null}. */
  public String textOrNull(String path) {
    Leaf leaf = firstOrNull(path);
    return leaf == null ? null : leaf.text();
  }

  /** Every leaf with this path, in document order. */
  public List<Leaf> all(String path) {
    List<Leaf> list = leaves.get(path);
    return list == null ? Collections.<Leaf>emptyList() : list;
  }
}
