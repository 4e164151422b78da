package io.github.pkce4j.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.pkce4j.policy.MetadataType;
import io.github.pkce4j.policy.Report;
import io.github.pkce4j.policy.ScanError;
import io.github.pkce4j.policy.ScannedFile;
import java.io.IOException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the metadata reader ({@link Scanner}'s caps, {@link SafeXml}, {@link Auditor}): whatever
 * the bytes, a file gives a verdict or a per-file error and nothing else (no other exception, no
 * unbounded memory: inputs pass the same caps as files), and the text report of the result holds
 * no character a terminal would act on. The first byte picks the metadata type, the rest is the
 * file.
 *
 * <p>{@code mvn verify} replays the seed corpus in {@code
 * src/test/resources/io/github/pkce4j/policy/internal/MetadataReaderFuzzTestInputs/read/} as
 * regression tests. To fuzz for real, for the 10 minutes of {@code maxDuration}: {@code
 * JAZZER_FUZZ=1 mvn -pl pkce-policy test -Dtest=MetadataReaderFuzzTest -DargLine=-Xmx512m}
 * (findings are written next to the seeds and replayed from then on).
 */
class MetadataReaderFuzzTest {
  /** One file name per metadata type, in {@link MetadataType} order. */
  private static final String[] NAMES = {"Fuzzed.connectedApp-meta.xml", "Fuzzed.eca-meta.xml",
      "Fuzzed_glbloauth.ecaGlblOauth-meta.xml", "Fuzzed_oauth.ecaOauth-meta.xml",
      "Fuzzed_oauthPlcy.ecaOauthPlcy-meta.xml", "Fuzzed_plcy.ecaPlcy-meta.xml",
      "OauthOidc.settings-meta.xml"};
  private static final ScanLimits LIMITS = new ScanLimits(1024 * 1024, 10, 1024 * 1024, 100);

  @FuzzTest(maxDuration = "10m")
  void read(byte[] data) throws IOException {
    if (data.length == 0) {
      return;
    }
    int pick = (data[0] & 0xff) % NAMES.length;
    String name = NAMES[pick];
    MetadataType type = MetadataType.ofFileNameOrNull(name);
    Scanner scanner = new Scanner(LIMITS, Paths.get(""), filesRead -> { });
    scanner.read(0, name, type, Arrays.copyOfRange(data, 1, data.length));
    Auditor auditor = new Auditor();
    auditor.evaluate(scanner.files(), scanner.projectRoots());

    List<ScanError> errors = new ArrayList<>(scanner.errors());
    errors.addAll(auditor.errors());
    int verdicts = auditor.findings().size();
    if (scanner.files().isEmpty()) {
      assertEquals(1, errors.size(), "an unread file is one error");
      assertEquals(0, verdicts);
    } else if (type == MetadataType.OAUTH_OIDC_SETTINGS) {
      assertEquals(0, verdicts + errors.size(), "org settings alone judge no app");
    } else {
      assertEquals(1, verdicts + errors.size(), "one app file: a verdict or an error");
    }

    Report report = Report.of(auditor.findings(), errors,
        new ArrayList<ScannedFile>(scanner.scanned()));
    StringBuilder text = new StringBuilder();
    TextReport.write(report, text, false);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      assertTrue(c == '\n' || !Printable.unsafe(c), "unsafe char U+"
          + Integer.toHexString(c) + " in the text report");
    }
    JsonReport.write(report, new StringBuilder());
    SarifReport.write(report, new StringBuilder());
  }
}
