package io.github.pkce4j.policy.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses metadata files with StAX, hardened against hostile input.
 *
 * <p>Security: DTDs are refused outright (a {@code DOCTYPE} is an error, before any entity is
 * declared), external entities and DTD loading are switched off and any attempt to resolve one
 * fails, so neither XXE nor entity expansion can happen. Input is decoded as strict UTF-8 first,
 * so the parser only ever sees characters. Depth is capped; size is capped by the caller.
 */
public final class SafeXml {
  /** Elements deeper than this are refused: metadata files nest three or four levels. */
  static final int MAX_DEPTH = 64;
  /** Paths deeper than this (below the root) are not recorded; the controls read depth 2. */
  private static final int RECORDED_DEPTH = 4;
  /** The Metadata API namespace; elements in any other namespace are not Salesforce settings. */
  static final String METADATA_NAMESPACE = "http://soap.sforce.com/2006/04/metadata";

  private final XMLInputFactory factory;

  public SafeXml() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    // Fail closed: if the implementation refuses any of these, the constructor throws.
    f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, Boolean.FALSE);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, Boolean.TRUE);
    // Not coalescing: text arrives in the parser's chunks and is joined once, by read().
    f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
    f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
      throw new XMLStreamException("external entities are disabled");
    });
    trySet(f, XMLConstants.ACCESS_EXTERNAL_DTD, "");
    trySet(f, "http://javax.xml.XMLConstants/property/accessExternalEntity", "");
    this.factory = f;
  }

  private static void trySet(XMLInputFactory f, String name, Object value) {
    try {
      f.setProperty(name, value);
    } catch (IllegalArgumentException notSupported) {
      // Belt and braces only: DTDs are already off and refused on sight.
    }
  }

  /**
   * Parses {@code bytes} as a UTF-8 XML document.
   *
   * @throws BadInputException naming the rule broken and the line, never the content
   */
  public XmlDoc parse(byte[] bytes, int length) throws BadInputException {
    checkUtf8(bytes, length);
    int start = length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
        && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
    XMLStreamReader r = null;
    try {
      // Decoded as the parser reads: a 16 MiB file never exists a second time as characters.
      r = factory.createXMLStreamReader(new InputStreamReader(
          new ByteArrayInputStream(bytes, start, length - start), StandardCharsets.UTF_8));
      return read(r);
    } catch (XMLStreamException e) {
      throw new BadInputException(lineOf(e.getLocation()), "malformed XML: " + describe(e));
    } catch (RuntimeException e) {
      // Some StAX implementations throw unchecked exceptions for malformed input.
      throw new BadInputException(0, "malformed XML: the parser failed ("
          + e.getClass().getSimpleName() + ")");
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // Nothing to release: the input is in memory.
        }
      }
    }
  }

  private static XmlDoc read(XMLStreamReader r) throws XMLStreamException, BadInputException {
    XmlDoc doc = null;
    List<String> paths = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    boolean sawChild = false;
    int depth = 0;
    int leafLine = 0;
    while (r.hasNext()) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.DTD:
          throw new BadInputException(lineOf(r.getLocation()), "a DOCTYPE declaration is not"
              + " allowed: Salesforce metadata never has one, and DTDs are refused so that no"
              + " external or expanding entity can be read");
        case XMLStreamConstants.ENTITY_REFERENCE:
          throw new BadInputException(lineOf(r.getLocation()), "an entity reference other than"
              + " the five predefined ones is not allowed");
        case XMLStreamConstants.START_ELEMENT: {
          depth++;
          if (depth > MAX_DEPTH) {
            throw new BadInputException(lineOf(r.getLocation()),
                "elements nest deeper than " + MAX_DEPTH + " levels");
          }
          int line = lineOf(r.getLocation());
          String name = r.getLocalName();
          // Only the Metadata API namespace (or none) holds Salesforce settings: an
          // <x:isPkceRequired xmlns:x="urn:other"> is not the field, so it and everything below
          // it is not recorded.
          boolean metadata = isMetadataNamespace(r.getNamespaceURI());
          if (depth == 1) {
            doc = new XmlDoc(metadata ? name : "{" + r.getNamespaceURI() + "}" + name,
                Math.max(line, 1));
            paths.add("");
          } else {
            String parent = paths.get(paths.size() - 1);
            String path = parent == null || !metadata || depth > RECORDED_DEPTH + 1
                ? null
                : parent.isEmpty() ? name : parent + "/" + name;
            paths.add(path);
            if (path != null) {
              doc.element(path, Math.max(line, 1));
            }
          }
          text.setLength(0);
          sawChild = false;
          leafLine = Math.max(line, 1);
          break;
        }
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          if (!sawChild && depth > 1) {
            text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
          }
          break;
        case XMLStreamConstants.END_ELEMENT: {
          String path = paths.remove(paths.size() - 1);
          if (!sawChild && path != null && depth > 1) {
            doc.leaf(path, trimmed(text), leafLine);
          }
          text.setLength(0);
          sawChild = true; // the parent now has a child element
          depth--;
          break;
        }
        default:
          break;
      }
    }
    if (doc == null) {
      throw new BadInputException(0, "no root element");
    }
    return doc;
  }

  /** The builder's text without leading and trailing whitespace, copied once. */
  private static String trimmed(StringBuilder text) {
    int start = 0;
    int end = text.length();
    while (start < end && text.charAt(start) <= ' ') {
      start++;
    }
    while (end > start && text.charAt(end - 1) <= ' ') {
      end--;
    }
    return text.substring(start, end);
  }

  private static boolean isMetadataNamespace(String uri) {
    return uri == null || uri.isEmpty() || uri.equals(METADATA_NAMESPACE);
  }

  private static int lineOf(Location location) {
    return location == null ? 0 : Math.max(location.getLineNumber(), 0);
  }

  /** The parser's own explanation, without its location prefix, capped in length. */
  private static String describe(XMLStreamException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int i = m.indexOf("Message: ");
    if (i >= 0) {
      m = m.substring(i + "Message: ".length());
    }
    return Printable.clean(m.trim(), 200);
  }

  /** Fails unless the bytes are strict UTF-8; decodes in small chunks, keeping nothing. */
  private static void checkUtf8(byte[] bytes, int length) throws BadInputException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
    CharBuffer out = CharBuffer.allocate(8192);
    CoderResult result;
    do {
      out.clear();
      result = decoder.decode(in, out, true);
    } while (result.isOverflow());
    if (!result.isError()) {
      out.clear();
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      throw new BadInputException(lineAt(bytes, offset), "not valid UTF-8 (byte offset " + offset
          + "); Salesforce metadata files are UTF-8");
    }
  }

  private static int lineAt(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }
}
