package io.github.pkce4j.policy;

import io.github.pkce4j.policy.internal.JsonReader;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which apps of an org are in use, from its {@code OauthToken} records (one per OAuth token an
 * app holds, with {@code AppName}, {@code UseCount} and {@code LastUsedDate}); or the fact that
 * usage is unknown, as it is for an audit of files without an org.
 *
 * <p>Apps are matched by {@code AppName}, which Salesforce gives as the app's name as shown in
 * Setup; a finding's app is looked up by its label and then by its API name.
 *
 * @since 0.1.0
 */
public final class OrgUsage {
  private static final OrgUsage UNKNOWN = new OrgUsage(false, Collections.emptyMap());

  private final boolean known;
  private final Map<String, AppUsage> byApp;

  private OrgUsage(boolean known, Map<String, AppUsage> byApp) {
    this.known = known;
    this.byApp = byApp;
  }

  /** {@return usage that is not known: an audit of files, without an org} */
  public static OrgUsage unknown() {
    return UNKNOWN;
  }

  /**
   * {@return known usage: these apps hold tokens, every other app holds none}
   *
   * @param apps the usage per app
   */
  public static OrgUsage of(List<AppUsage> apps) {
    Map<String, AppUsage> m = new LinkedHashMap<>();
    for (AppUsage a : Objects.requireNonNull(apps, "apps")) {
      m.put(a.app(), a);
    }
    return new OrgUsage(true, Collections.unmodifiableMap(m));
  }

  /**
   * The usage in the output of {@code sf data query --query "SELECT AppName, UseCount,
   * LastUsedDate FROM OauthToken" --json}: {@code {"status":0,"result":{"records":[{"AppName":
   * …,"UseCount":…,"LastUsedDate":…}],"done":true,…}}}. Records of one app are summed; an answer
   * with {@code "done": false} (only part of the records) is refused, since it would call an app
   * in use unused.
   *
   * @param sfJson the command's standard output
   * @return the usage
   * @throws IllegalArgumentException if the text is not that shape (never quoting it)
   */
  public static OrgUsage parseOauthTokenQuery(String sfJson) {
    return fromQueryAnswer(JsonReader.parse(Objects.requireNonNull(sfJson, "sfJson")));
  }

  /** {@link #parseOauthTokenQuery(String)} of the parsed answer. */
  static OrgUsage fromQueryAnswer(Object root) {
    Object result = member(root, "result");
    Object records = member(result, "records");
    if (!(records instanceof List)) {
      throw new IllegalArgumentException("the query answer has no result.records list");
    }
    if (Boolean.FALSE.equals(member(result, "done"))) {
      // Usage from part of the tokens would call an app in use "unused".
      throw new IllegalArgumentException("the query answer holds only part of the records"
          + " (result.done is false)");
    }
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, String> last = new LinkedHashMap<>();
    for (Object r : (List<?>) records) {
      Object name = member(r, "AppName");
      if (!(name instanceof String)) {
        continue; // a token without an app name cannot be matched to an app
      }
      Object uses = member(r, "UseCount");
      long useCount = uses instanceof BigDecimal ? ((BigDecimal) uses).max(BigDecimal.ZERO)
          .min(BigDecimal.valueOf(Integer.MAX_VALUE)).longValue() : 0;
      long[] c = counts.computeIfAbsent((String) name, k -> new long[2]);
      c[0]++;
      c[1] += useCount;
      Object date = member(r, "LastUsedDate");
      if (date instanceof String) {
        String previous = last.get(name);
        // ISO 8601 in one zone, as Salesforce prints it, orders as text.
        if (previous == null || ((String) date).compareTo(previous) > 0) {
          last.put((String) name, (String) date);
        }
      }
    }
    List<AppUsage> apps = new java.util.ArrayList<>();
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      apps.add(AppUsage.of(e.getKey(), e.getValue()[0], e.getValue()[1], last.get(e.getKey())));
    }
    return of(apps);
  }

  private static Object member(Object o, String name) {
    return o instanceof Map ? ((Map<?, ?>) o).get(name) : null;
  }

  /** {@return true if usage was read from an org} */
  public boolean known() {
    return known;
  }

  /** {@return the apps that hold tokens, by name} */
  public Map<String, AppUsage> apps() {
    return byApp;
  }

  /**
   * {@return the usage of the app with this label or API name; an app without tokens gets zero
   * usage when usage is known, and {@code null} when it is not}
   *
   * @param label the app's label, as Setup shows it
   * @param apiName the app's API name
   */
  public AppUsage forApp(String label, String apiName) {
    if (!known) {
      return null;
    }
    AppUsage u = label == null ? null : byApp.get(label);
    if (u == null) {
      u = byApp.get(apiName);
    }
    return u != null ? u : AppUsage.of(label != null ? label : apiName, 0, 0, null);
  }

  @Override
  public String toString() {
    return known ? "OrgUsage[" + byApp.size() + " apps with tokens]" : "OrgUsage[unknown]";
  }
}
