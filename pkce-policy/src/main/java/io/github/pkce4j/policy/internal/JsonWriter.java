package io.github.pkce4j.policy.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Writes a tree of maps, lists, strings, numbers and booleans as indented JSON (RFC 8259). */
final class JsonWriter {
  private JsonWriter() {}

  static void write(Object value, Appendable out) throws IOException {
    write(value, out, 0);
    out.append('\n');
  }

  private static void write(Object value, Appendable out, int indent) throws IOException {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String) {
      string((String) value, out);
    } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
      out.append(value.toString());
    } else if (value instanceof Double) {
      out.append(Decimal.of((Double) value));
    } else if (value instanceof Map) {
      Map<?, ?> map = (Map<?, ?>) value;
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(first ? "\n" : ",\n");
        first = false;
        pad(out, indent + 1);
        string((String) e.getKey(), out);
        out.append(": ");
        write(e.getValue(), out, indent + 1);
      }
      out.append('\n');
      pad(out, indent);
      out.append('}');
    } else if (value instanceof List) {
      List<?> list = (List<?>) value;
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        out.append(first ? "\n" : ",\n");
        first = false;
        pad(out, indent + 1);
        write(item, out, indent + 1);
      }
      out.append('\n');
      pad(out, indent);
      out.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static void pad(Appendable out, int indent) throws IOException {
    for (int i = 0; i < indent; i++) {
      out.append("  ");
    }
  }

  static void string(String s, Appendable out) throws IOException {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          // Control characters, and U+2028/2029 which break JavaScript embedders.
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }
}
