package io.github.pkce4j.policy.internal;

import java.util.List;

/**
 * An {@code xsd:boolean} element as found: true, false, absent, some other text, or given more
 * than once (a single-valued setting twice cannot be read: never "first one wins").
 */
enum Flag {
  TRUE,
  FALSE,
  ABSENT,
  INVALID,
  DUPLICATE;

  static Flag of(XmlDoc doc, String path) {
    List<XmlDoc.Leaf> leaves = doc.all(path);
    if (leaves.isEmpty()) {
      // An element with child elements has no text: it is there, but not a boolean.
      return doc.has(path) ? INVALID : ABSENT;
    }
    if (leaves.size() > 1) {
      return DUPLICATE;
    }
    switch (leaves.get(0).text()) {
      case "true":
      case "1":
        return TRUE;
      case "false":
      case "0":
        return FALSE;
      default:
        return INVALID;
    }
  }
}
