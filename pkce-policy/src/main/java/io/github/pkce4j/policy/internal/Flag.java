package io.github.pkce4j.policy.internal;

/** An {@code xsd:boolean} element as found: true, false, absent, or some other text. */
enum Flag {
  TRUE,
  FALSE,
  ABSENT,
  INVALID;

  static Flag of(XmlDoc doc, String path) {
    String text = doc.textOrNull(path);
    if (text == null) {
      return ABSENT;
    }
    switch (text) {
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
