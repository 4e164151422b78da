package io.github.pkce4j.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * A fake Salesforce CLI for the CLI's tests: a POSIX shell script named {@code sf} that answers
 * {@code sf project retrieve start} by writing a small org (a connected app in use that does not
 * require PKCE, an External Client App whose global OAuth settings hold a planted consumer
 * secret, and the org's OAuth settings) into {@code --output-dir}, and {@code sf data query} with
 * OauthToken records, in the shapes {@code sf --json} prints. The alias {@code unauthorised}
 * answers with sf's NamedOrgNotFoundError and {@code retrieve-fails} with a failed retrieve.
 * Each call's working directory is logged to {@link #cwdLog}.
 */
final class FakeSf {
  static final String PLANTED_SECRET = "PLANTED-SECRET-CLI-5a7e01";
  private static final String NS = "xmlns=\"http://soap.sforce.com/2006/04/metadata\"";

  final Path dir;
  final Path executable;
  final Path cwdLog;

  private FakeSf(Path dir) {
    this.dir = dir;
    this.executable = dir.resolve("sf");
    this.cwdLog = dir.resolve("sf-cwd.log");
  }

  static boolean posixShellAvailable() {
    return !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
        && Files.isExecutable(Paths.get("/bin/sh"));
  }

  /** Writes the script and the org it retrieves into {@code dir}. */
  static FakeSf install(Path dir) throws IOException {
    FakeSf sf = new FakeSf(dir);
    Path org = dir.resolve("org");
    write(org.resolve("connectedApps/Legacy_Integration.connectedApp-meta.xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ConnectedApp " + NS + ">\n"
            + "    <label>Legacy Integration</label>\n    <oauthConfig>\n"
            + "        <callbackUrl>https://erp.example.com/cb</callbackUrl>\n"
            + "        <isConsumerSecretOptional>false</isConsumerSecretOptional>\n"
            + "        <isPkceRequired>false</isPkceRequired>\n"
            + "        <isSecretRequiredForRefreshToken>true</isSecretRequiredForRefreshToken>\n"
            + "    </oauthConfig>\n</ConnectedApp>\n");
    write(org.resolve("extlClntAppGlobalOauthSets/Portal_glbloauth.ecaGlblOauth-meta.xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ExtlClntAppGlobalOauthSettings " + NS
            + ">\n    <callbackUrl>https://portal.example.com/cb</callbackUrl>\n"
            + "    <consumerKey>PLANTED-KEY-CLI-99c1</consumerKey>\n"
            + "    <consumerSecret>" + PLANTED_SECRET + "</consumerSecret>\n"
            + "    <externalClientApplication>Portal</externalClientApplication>\n"
            + "    <isPkceRequired>true</isPkceRequired>\n"
            + "</ExtlClntAppGlobalOauthSettings>\n");
    write(org.resolve("settings/OauthOidc.settings-meta.xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<OauthOidcSettings " + NS + ">\n"
            + "    <blockOAuthUnPwFlow>true</blockOAuthUnPwFlow>\n"
            + "    <blockOAuthUsrAgtFlow>false</blockOAuthUsrAgtFlow>\n"
            + "</OauthOidcSettings>\n");
    String script = "#!/bin/sh\n"
        + "pwd >> '" + sf.cwdLog + "'\n"
        + "org=''; out=''; prev=''\n"
        + "for a in \"$@\"; do\n"
        + "  case \"$prev\" in --target-org) org=\"$a\";; --output-dir) out=\"$a\";; esac\n"
        + "  prev=\"$a\"\n"
        + "done\n"
        + "if [ \"$org\" = unauthorised ]; then\n"
        + "  echo '{\"name\":\"NamedOrgNotFoundError\",\"message\":\"No authorization"
        + " information found for unauthorised.\",\"exitCode\":1,\"status\":1}'; exit 1\n"
        + "fi\n"
        + "case \"$1 $2 $3\" in\n"
        + "  'project retrieve start')\n"
        + "    if [ \"$org\" = retrieve-fails ]; then\n"
        + "      echo '{\"name\":\"MetadataTransferError\",\"message\":\"Metadata API request"
        + " failed\",\"exitCode\":1,\"status\":1}' >&2; exit 1\n"
        + "    fi\n"
        + "    cp -R '" + org + "'/. \"$out\"/ || exit 3\n"
        + "    echo '{\"status\":0,\"result\":{\"done\":true,\"success\":true,\"files\":[]}}';;\n"
        + "  'data query --query')\n"
        + "    echo '{\"status\":0,\"result\":{\"records\":[{\"attributes\":{\"type\":"
        + "\"OauthToken\"},\"AppName\":\"Legacy Integration\",\"UseCount\":12,"
        + "\"LastUsedDate\":\"2026-11-30T09:15:00.000+0000\"}],\"totalSize\":1,"
        + "\"done\":true}}';;\n"
        + "  *) echo '{\"name\":\"UnexpectedCommand\",\"status\":1}'; exit 1;;\n"
        + "esac\n";
    write(sf.executable, script);
    if (!sf.executable.toFile().setExecutable(true, true)) {
      throw new IOException("cannot make the fake sf executable");
    }
    return sf;
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, text.getBytes(UTF_8));
  }

  /** True when no directory the fake ran in still exists. */
  boolean leftNothing() throws IOException {
    for (String d : new String(Files.readAllBytes(cwdLog), UTF_8).split("\n")) {
      if (d.isEmpty() || Files.exists(Paths.get(d))) {
        return false;
      }
    }
    return true;
  }
}
