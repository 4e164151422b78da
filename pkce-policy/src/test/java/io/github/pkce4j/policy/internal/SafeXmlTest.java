package io.github.pkce4j.policy.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SafeXmlTest {
  private final SafeXml xml = new SafeXml();

  private XmlDoc parse(String s) throws BadInputException {
    byte[] b = s.getBytes(UTF_8);
    return xml.parse(b, b.length);
  }

  @Test
  void leavesAndLines() throws BadInputException {
    XmlDoc doc = parse("<?xml version=\"1.0\"?>\n<R xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n  <a>\n    <b> v1 </b>\n"
        + "    <b>v2</b>\n  </a>\n  <c/>\n  <d>x &amp; y</d>\n</R>\n");
    assertEquals("R", doc.root());
    assertEquals(2, doc.rootLine());
    assertEquals(3, doc.lineOf("a"));
    assertEquals("v1", doc.textOrNull("a/b"));
    assertEquals(4, doc.firstOrNull("a/b").line());
    assertEquals(2, doc.all("a/b").size());
    assertEquals(5, doc.all("a/b").get(1).line());
    assertNull(doc.textOrNull("a"), "an element with children is no leaf");
    assertEquals("", doc.textOrNull("c"));
    assertEquals("x & y", doc.textOrNull("d"));
    assertTrue(!doc.has("e"));
  }

  @Test
  void byteOrderMark_accepted() throws BadInputException {
    assertEquals("R", parse("\uFEFF<R/>").root());
  }

  @Test
  void cdata_readAsText() throws BadInputException {
    assertEquals("<x>", parse("<R><a><![CDATA[<x>]]></a></R>").textOrNull("a"));
  }

  @Test
  void doctype_refusedEvenWithoutEntities() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> parse("<?xml version=\"1.0\"?>\n<!DOCTYPE R>\n<R/>"));
    assertTrue(e.getMessage().startsWith("a DOCTYPE declaration is not allowed"));
  }

  @Test
  void undeclaredEntity_refused() {
    BadInputException e = assertThrows(BadInputException.class, () -> parse("<R>&x;</R>"));
    assertEquals("an entity reference other than the five predefined ones is not allowed",
        e.getMessage());
  }

  @Test
  void twoRoots_malformed() {
    BadInputException e = assertThrows(BadInputException.class, () -> parse("<R/><S/>"));
    assertTrue(e.getMessage().startsWith("malformed XML: "), e.getMessage());
  }
}
