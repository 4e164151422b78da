package io.github.pkce4j.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link PkceAudit.Builder#onFileRead}: the hook a progress display hangs on. */
class ScanProgressTest {
  @Test
  void onFileRead_countsEveryMetadataFileReadInOrder() {
    List<Integer> seen = new ArrayList<>();

    Report report = PkceAudit.builder().onFileRead(seen::add).build()
        .scan(Fixtures.dir("eca-complete"), Fixtures.dir("ca-required"));

    List<Integer> expected = new ArrayList<>();
    for (int i = 1; i <= report.files().size(); i++) {
      expected.add(i);
    }
    assertEquals(expected, seen);
    assertTrue(seen.size() > 1, "both inputs hold metadata files: " + seen);
  }
}
