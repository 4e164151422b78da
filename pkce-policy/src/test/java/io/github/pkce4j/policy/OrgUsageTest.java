package io.github.pkce4j.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The OauthToken usage, from sf data query --json, and its lookup by label and API name. */
class OrgUsageTest {
  @Test
  void records_summedPerApp_latestUseKept() {
    OrgUsage u = OrgUsage.parseOauthTokenQuery("{\"status\":0,\"result\":{\"records\":["
        + "{\"attributes\":{\"type\":\"OauthToken\"},\"AppName\":\"A\",\"UseCount\":3,"
        + "\"LastUsedDate\":\"2026-01-02T00:00:00.000+0000\"},"
        + "{\"AppName\":\"A\",\"UseCount\":4,\"LastUsedDate\":\"2026-03-01T00:00:00.000+0000\"},"
        + "{\"AppName\":null,\"UseCount\":9},"
        + "{\"AppName\":\"B\",\"UseCount\":-5,\"LastUsedDate\":null}],"
        + "\"totalSize\":4,\"done\":true}}");
    assertTrue(u.known());
    AppUsage a = u.forApp("A", "A_Api");
    assertEquals(2, a.tokens());
    assertEquals(7, a.useCount());
    assertEquals("2026-03-01T00:00:00.000+0000", a.lastUsedOrNull());
    assertEquals(0, u.forApp("B", "B").useCount(), "a negative count is not trusted");
    assertEquals(1, u.forApp(null, "B").tokens(), "found by API name without a label");
    assertFalse(u.forApp("C", "C").inUse());
  }

  @Test
  void unknownUsage_givesNoUsage() {
    assertFalse(OrgUsage.unknown().known());
    assertNull(OrgUsage.unknown().forApp("A", "A"));
  }

  @Test
  void notTheQueryShape_isRefusedWithoutQuotingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> OrgUsage.parseOauthTokenQuery("{\"status\":0,\"result\":{\"secret\":1}}"));
    assertEquals("the query answer has no result.records list", e.getMessage());
    IllegalArgumentException partial = assertThrows(IllegalArgumentException.class,
        () -> OrgUsage.parseOauthTokenQuery("{\"status\":0,\"result\":{\"records\":[],"
            + "\"done\":false}}"));
    assertEquals("the query answer holds only part of the records (result.done is false)",
        partial.getMessage());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> OrgUsage.parseOauthTokenQuery("{\"a\":1,\"a\":2}"));
    assertEquals("not JSON at offset 10: a member name given twice", bad.getMessage());
  }
}
