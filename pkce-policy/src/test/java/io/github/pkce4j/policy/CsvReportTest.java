package io.github.pkce4j.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/** The CSV inventory: one row per app, RFC 4180 quoting, no cell a spreadsheet would run. */
class CsvReportTest {
  private static String csv(Report report) throws IOException {
    StringWriter w = new StringWriter();
    ReportFormat.CSV.write(report, w);
    return w.toString();
  }

  @Test
  void inventory_oneRowPerApp_withFlagsProfileVerdictsAndUnknownUsage() throws IOException {
    Report report = PkceAudit.builder().workingDirectory(Fixtures.root())
        .controls(Control.parseGroups("pkce,refresh-secret")).build()
        .scan(Fixtures.dir("optional-ca"));
    String[] lines = csv(report).split("\r\n", -1);
    assertEquals("appType,app,label,profile,files,isPkceRequired,isConsumerSecretOptional,"
        + "isSecretRequiredForRefreshToken,isRefreshTokenRotationEnabled,refreshTokenPolicy,"
        + "ipRelaxation,isDeviceFlowEnabled,isOauthPluginEnabled,blockOAuthUnPwFlow,"
        + "blockOAuthUsrAgtFlow,SF-CA-PKCE,SF-ECA-PKCE,SF-CA-REFRESH-SECRET,SF-ECA-REFRESH-SECRET,"
        + "inUse,tokens,useCount,lastUsed", lines[0]);
    String lax = Arrays.stream(lines).filter(l -> l.startsWith("ConnectedApp,Lax,")).findFirst()
        .orElseThrow(AssertionError::new);
    assertEquals("ConnectedApp,Lax,Lax,public,optional-ca/connectedApps/Lax.connectedApp-meta.xml,"
        + "false,true,false,false,infinite,BYPASS,,,,,fail,,fail,,unknown,unknown,unknown,unknown",
        lax);
    assertEquals("", lines[lines.length - 1], "every row ends with CRLF");
    assertEquals(7, lines.length, "a header and one row for each of the 5 apps");
  }

  @Test
  void formulaCells_arePrefixed_quotesDoubled_controlsReplaced() throws IOException {
    Finding f = Finding.builder(Control.CONNECTED_APP_PKCE).app("=HYPERLINK(\"x\")")
        .label("+1, \"two\"").location("-evil\tfile", 1)
        .verdict(Status.FAIL, "m").setting("isPkceRequired", "@SUM(A1)").build();
    String[] lines = csv(Report.of(Collections.singletonList(f), Collections.emptyList(),
        Collections.emptyList())).split("\r\n");
    assertEquals(2, lines.length);
    String row = lines[1];
    assertTrue(row.startsWith("ConnectedApp,\"'=HYPERLINK(\"\"x\"\")\",\"'+1, \"\"two\"\"\","
        + "unknown,'-evil?file,'@SUM(A1),"), row);
  }
}
