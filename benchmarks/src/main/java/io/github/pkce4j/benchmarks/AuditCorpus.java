package io.github.pkce4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.SplittableRandom;

/**
 * Writes a synthetic SFDX project of Salesforce Connected App and External Client App metadata
 * for the audit benchmark: about two thirds Connected Apps, one third External Client Apps (five
 * files each, the global OAuth file left out of one in four as real repositories often do), with
 * the PKCE flag required, not required, or absent, and public or confidential callback URLs. The
 * shapes follow the retrieved files in {@code shared/salesforce-corpus}; names and keys are made
 * up. Same seed, same corpus.
 */
final class AuditCorpus {
  private static final String NS = "http://soap.sforce.com/2006/04/metadata";

  private AuditCorpus() {}

  /** Writes at least {@code files} metadata files under {@code root} and returns how many. */
  static int write(Path root, int files, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Path base = root.resolve("force-app/main/default");
    Path connectedApps = Files.createDirectories(base.resolve("connectedApps"));
    Path ecas = Files.createDirectories(base.resolve("externalClientApps"));
    Path globals = Files.createDirectories(base.resolve("extlClntAppGlobalOauthSets"));
    Path oauths = Files.createDirectories(base.resolve("extlClntAppOauthSettings"));
    Path oauthPolicies = Files.createDirectories(base.resolve("extlClntAppOauthPolicies"));
    Path policies = Files.createDirectories(base.resolve("extlClntAppPolicies"));
    int written = 0;
    for (int app = 0; written < files; app++) {
      String name = "App_" + app;
      String callback = callback(random);
      String pkce = pkceElement(random, "        ");
      if (app % 3 != 2) {
        write(connectedApps.resolve(name + ".connectedApp-meta.xml"), connectedApp(name, callback,
            pkce, random));
        written++;
        continue;
      }
      write(ecas.resolve(name + ".eca-meta.xml"), "<ExternalClientApplication xmlns=\"" + NS
          + "\">\n    <contactEmail>admin@example.com</contactEmail>\n"
          + "    <distributionState>Local</distributionState>\n"
          + "    <isProtected>false</isProtected>\n    <label>" + name + "</label>\n"
          + "</ExternalClientApplication>\n");
      write(oauths.resolve(name + "_oauth.ecaOauth-meta.xml"), "<ExtlClntAppOauthSettings xmlns=\""
          + NS + "\">\n    <commaSeparatedOauthScopes>Api, RefreshToken</commaSeparatedOauthScopes>\n"
          + "    <externalClientApplication>" + name + "</externalClientApplication>\n"
          + "    <label>" + name + "_oauth</label>\n</ExtlClntAppOauthSettings>\n");
      write(oauthPolicies.resolve(name + "_oauthPlcy.ecaOauthPlcy-meta.xml"),
          "<ExtlClntAppOauthConfigurablePolicies xmlns=\"" + NS + "\">\n"
          + "    <externalClientApplication>" + name + "</externalClientApplication>\n"
          + "    <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>\n"
          + "    <label>" + name + "_oauthPlcy</label>\n"
          + "    <refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>\n"
          + "</ExtlClntAppOauthConfigurablePolicies>\n");
      write(policies.resolve(name + "_plcy.ecaPlcy-meta.xml"), "<ExtlClntAppConfigurablePolicies"
          + " xmlns=\"" + NS + "\">\n    <externalClientApplication>" + name
          + "</externalClientApplication>\n    <isEnabled>true</isEnabled>\n"
          + "    <isOauthPluginEnabled>" + (random.nextInt(10) != 0) + "</isOauthPluginEnabled>\n"
          + "    <label>" + name + "_plcy</label>\n</ExtlClntAppConfigurablePolicies>\n");
      written += 4;
      if (app % 4 != 0) {
        write(globals.resolve(name + "_glbloauth.ecaGlblOauth-meta.xml"),
            "<ExtlClntAppGlobalOauthSettings xmlns=\"" + NS + "\">\n"
            + "    <callbackUrl>" + callback + "</callbackUrl>\n"
            + "    <consumerKey>" + key(random) + "</consumerKey>\n"
            + "    <externalClientApplication>" + name + "</externalClientApplication>\n"
            + "    <isCodeCredFlowEnabled>true</isCodeCredFlowEnabled>\n"
            + "    <isConsumerSecretOptional>" + random.nextBoolean()
            + "</isConsumerSecretOptional>\n"
            + pkceElement(random, "    ")
            + "    <isSecretRequiredForRefreshToken>true</isSecretRequiredForRefreshToken>\n"
            + "    <label>" + name + "_glbloauth</label>\n"
            + "</ExtlClntAppGlobalOauthSettings>\n");
        written++;
      }
    }
    return written;
  }

  private static String connectedApp(String name, String callback, String pkce,
      SplittableRandom random) {
    if (random.nextInt(20) == 0) { // SAML-only: no oauthConfig, the control does not apply
      return "<ConnectedApp xmlns=\"" + NS + "\">\n    <contactEmail>admin@example.com"
          + "</contactEmail>\n    <label>" + name + "</label>\n    <samlConfig>\n"
          + "        <acsUrl>https://sso.example.com/" + name + "</acsUrl>\n"
          + "        <entityUrl>https://sso.example.com</entityUrl>\n    </samlConfig>\n"
          + "</ConnectedApp>\n";
    }
    return "<ConnectedApp xmlns=\"" + NS + "\">\n"
        + "    <contactEmail>admin@example.com</contactEmail>\n"
        + "    <label>" + name + "</label>\n"
        + "    <oauthConfig>\n"
        + "        <callbackUrl>" + callback + "</callbackUrl>\n"
        + "        <consumerKey>" + key(random) + "</consumerKey>\n"
        + "        <isAdminApproved>false</isAdminApproved>\n"
        + "        <isConsumerSecretOptional>" + random.nextBoolean()
        + "</isConsumerSecretOptional>\n"
        + pkce
        + "        <isSecretRequiredForRefreshToken>" + random.nextBoolean()
        + "</isSecretRequiredForRefreshToken>\n"
        + "        <scopes>Api</scopes>\n        <scopes>RefreshToken</scopes>\n"
        + "    </oauthConfig>\n"
        + "    <oauthPolicy>\n        <ipRelaxation>ENFORCE</ipRelaxation>\n"
        + "        <refreshTokenPolicy>infinite</refreshTokenPolicy>\n    </oauthPolicy>\n"
        + "</ConnectedApp>\n";
  }

  private static String pkceElement(SplittableRandom random, String indent) {
    switch (random.nextInt(3)) {
      case 0:
        return indent + "<isPkceRequired>true</isPkceRequired>\n";
      case 1:
        return indent + "<isPkceRequired>false</isPkceRequired>\n";
      default:
        return ""; // retrieved before API 59.0
    }
  }

  private static String callback(SplittableRandom random) {
    switch (random.nextInt(4)) {
      case 0:
        return "myapp://oauth/callback";
      case 1:
        return "http://localhost:1717/OauthRedirect";
      case 2:
        return "https://app.example.com/oauth/callback\nhttps://staging.example.com/callback";
      default:
        return "https://app.example.com/oauth/callback";
    }
  }

  private static String key(SplittableRandom random) {
    return "3MVG9" + Verifiers.of(80, random.nextLong()).replace('~', '_').replace('-', '.');
  }

  private static void write(Path file, String xml) throws IOException {
    Files.write(file, ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml)
        .getBytes(StandardCharsets.UTF_8));
  }

  /** Deletes a corpus written by {@link #write}. */
  static void delete(Path root) throws IOException {
    Files.walkFileTree(root, new SimpleFileVisitor<Path>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
