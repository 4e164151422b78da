package io.github.pkce4j.policy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * A fake Salesforce CLI for the tests: a POSIX shell script that answers {@code sf project
 * retrieve start} by copying {@code src/test/resources/fake-org} into {@code --output-dir}, and
 * {@code sf data query} with OauthToken records, both in the shapes {@code sf --json} prints. The
 * org alias picks the case: {@code unauthorised} (sf's NamedOrgNotFoundError on standard output),
 * {@code retrieve-fails} (an error on standard error), {@code query-fails} (the usage query is
 * refused), {@code hangs} (never answers), anything
 * else an org with usage data. It logs its working directory and arguments beside itself.
 */
final class FakeSf {
  /** Planted in the fake org's ECA global OAuth settings: must never leave the retrieve. */
  static final String PLANTED_SECRET = "PLANTED-SECRET-ECA-c93b2a";
  static final String PLANTED_ECA_KEY = "PLANTED-KEY-ECA-8e41f7";
  static final String PLANTED_CA_KEY = "PLANTED-KEY-CA-51d0c2";

  final Path executable;
  final Path cwdLog;
  final Path argsLog;

  private FakeSf(Path executable, Path cwdLog, Path argsLog) {
    this.executable = executable;
    this.cwdLog = cwdLog;
    this.argsLog = argsLog;
  }

  static boolean posixShellAvailable() {
    return !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
        && Files.isExecutable(Paths.get("/bin/sh"));
  }

  /** Writes the script as {@code dir/sf}. */
  static FakeSf install(Path dir) throws IOException {
    Path fixture;
    try {
      fixture = Paths.get(FakeSf.class.getResource("/fake-org").toURI());
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
    Path cwdLog = dir.resolve("sf-cwd.log");
    Path argsLog = dir.resolve("sf-args.log");
    String script = "#!/bin/sh\n"
        + "pwd >> '" + cwdLog + "'\n"
        + "printf '%s\\n' \"$*\" >> '" + argsLog + "'\n"
        + "org=''; out=''; prev=''\n"
        + "for a in \"$@\"; do\n"
        + "  case \"$prev\" in --target-org) org=\"$a\";; --output-dir) out=\"$a\";; esac\n"
        + "  prev=\"$a\"\n"
        + "done\n"
        + "[ -f sfdx-project.json ] || { echo '{\"name\":\"InvalidProjectWorkspaceError\","
        + "\"message\":\"This directory does not contain a valid Salesforce DX project.\","
        + "\"status\":1,\"exitCode\":1}'; exit 1; }\n"
        + "case \"$org\" in\n"
        + "  unauthorised) echo '{\"name\":\"NamedOrgNotFoundError\",\"message\":\"No"
        + " authorization information found for unauthorised.\",\"exitCode\":1,\"status\":1,"
        + "\"context\":\"RetrieveMetadata\",\"warnings\":[]}'; exit 1;;\n"
        + "  hangs) exec sleep 30;;\n"
        + "esac\n"
        + "case \"$1 $2 $3\" in\n"
        + "  'project retrieve start')\n"
        + "    if [ \"$org\" = retrieve-fails ]; then\n"
        + "      echo '{\"name\":\"MetadataTransferError\",\"message\":\"Metadata API request"
        + " failed: INVALID_TYPE\\u001b[2J\",\"exitCode\":1,\"status\":1}' >&2; exit 1\n"
        + "    fi\n"
        + "    cp -R '" + fixture + "'/. \"$out\"/ || exit 3\n"
        + "    echo '{\"status\":0,\"result\":{\"done\":true,\"status\":\"Succeeded\","
        + "\"success\":true,\"files\":[]},\"warnings\":[]}';;\n"
        + "  'data query --query')\n"
        + "    if [ \"$org\" = query-fails ]; then\n"
        + "      echo '{\"name\":\"INVALID_TYPE\",\"message\":\"sObject type"
        + " OauthToken is not supported.\",\"exitCode\":1,\"status\":1}'; exit 1\n"
        + "    fi\n"
        + "    echo '{\"status\":0,\"result\":{\"records\":["
        + "{\"attributes\":{\"type\":\"OauthToken\",\"url\":\"/services/data/v62.0/sobjects/"
        + "OauthToken/0CQ000000000001\"},\"AppName\":\"Legacy Integration\",\"UseCount\":40,"
        + "\"LastUsedDate\":\"2026-11-30T09:15:00.000+0000\"},"
        + "{\"attributes\":{\"type\":\"OauthToken\",\"url\":\"/services/data/v62.0/sobjects/"
        + "OauthToken/0CQ000000000002\"},\"AppName\":\"Legacy Integration\",\"UseCount\":2,"
        + "\"LastUsedDate\":\"2026-10-01T08:00:00.000+0000\"},"
        + "{\"attributes\":{\"type\":\"OauthToken\",\"url\":\"/services/data/v62.0/sobjects/"
        + "OauthToken/0CQ000000000003\"},\"AppName\":\"Portal\",\"UseCount\":7,"
        + "\"LastUsedDate\":null}],\"totalSize\":3,\"done\":true},\"warnings\":[]}';;\n"
        + "  *) echo '{\"name\":\"UnexpectedCommand\",\"message\":\"not faked\",\"status\":1}';"
        + " exit 1;;\n"
        + "esac\n";
    Path sf = dir.resolve("sf");
    Files.write(sf, script.getBytes(StandardCharsets.UTF_8));
    if (!sf.toFile().setExecutable(true, true)) {
      throw new IOException("cannot make the fake sf executable");
    }
    return new FakeSf(sf, cwdLog, argsLog);
  }

  /** The directories the fake ran in, one per call. */
  String[] workingDirectories() throws IOException {
    return new String(Files.readAllBytes(cwdLog), StandardCharsets.UTF_8).split("\n");
  }
}
