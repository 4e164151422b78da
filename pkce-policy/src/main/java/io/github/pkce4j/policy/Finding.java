package io.github.pkce4j.policy;

import io.github.pkce4j.policy.internal.Printable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One control's verdict on one app: where, what was seen, how risky, and how to fix it.
 *
 * <p>Immutable. Built by the audit; {@link #builder(Control)} is public so that tests and tools
 * that merge reports can build their own.
 *
 * @since 0.1.0
 */
public final class Finding {
  private final Control control;
  private final String app;
  private final String label;
  private final String archive;
  private final String file;
  private final int line;
  private final Status status;
  private final ClientProfile profile;
  private final List<String> profileEvidence;
  private final String message;
  private final List<String> relatedFiles;
  private final Map<String, String> settings;

  private Finding(Builder b) {
    this.control = b.control;
    this.app = Objects.requireNonNull(b.app, "app");
    this.label = b.label != null ? b.label : b.app;
    this.archive = b.archive;
    this.file = Objects.requireNonNull(b.file, "file");
    this.line = b.line;
    this.status = Objects.requireNonNull(b.status, "status");
    this.profile = b.profile;
    this.profileEvidence = Collections.unmodifiableList(new ArrayList<>(b.profileEvidence));
    this.message = Objects.requireNonNull(b.message, "message");
    this.relatedFiles = Collections.unmodifiableList(new ArrayList<>(b.relatedFiles));
    this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(b.settings));
  }

  /**
   * {@return the app's OAuth settings as read from its files, by setting name ({@code
   * isPkceRequired}, {@code isConsumerSecretOptional}, {@code refreshTokenPolicy}, {@code
   * ipRelaxation}, …), in a fixed order; absent settings are left out. Only flags and policy
   * names are kept: consumer keys, secrets and certificates never are}
   */
  public Map<String, String> settings() {
    return settings;
  }

  /**
   * Starts a finding for {@code control}.
   *
   * @param control the control the finding is about
   * @return a new builder
   */
  public static Builder builder(Control control) {
    return new Builder(Objects.requireNonNull(control, "control"));
  }

  /** {@return the control judged} */
  public Control control() {
    return control;
  }

  /** {@return the app's API name (its {@code fullName}), e.g. {@code My_Mobile_App}} */
  public String app() {
    return app;
  }

  /** {@return the app's label, or its API name when the metadata has no label} */
  public String label() {
    return label;
  }

  /**
   * {@return the file that decided the verdict, with forward slashes: relative to the working
   * directory when it lies below it or its input was given as a relative path, absolute
   * otherwise; a zip entry reads {@code retrieve.zip!/unpackaged/connectedApps/A.connectedApp}}
   */
  public String file() {
    return file;
  }

  /** {@return the 1-based line in {@link #file()} of the element that decided the verdict} */
  public int line() {
    return line;
  }

  /** {@return the verdict} */
  public Status status() {
    return status;
  }

  /** {@return the control's severity} */
  public Severity severity() {
    return control.severity();
  }

  /**
   * {@return the score placed in the control's CVSS range by the client profile: the top of the
   * range for a public client, the bottom for a confidential one, the middle when unknown}
   */
  public double score() {
    return control.severity().place(profile);
  }

  /**
   * {@return the retrieve zip that holds {@link #file()}, as the input was displayed, or {@code
   * null} when the file is not inside a zip}; a report that links to files links to the zip
   */
  public String archiveOrNull() {
    return archive;
  }

  /** {@return whether the app looks like a public or a confidential client} */
  public ClientProfile profile() {
    return profile;
  }

  /** {@return the settings that decided {@link #profile()}, each with its line} */
  public List<String> profileEvidence() {
    return profileEvidence;
  }

  /** {@return what was found and why it gives this verdict} */
  public String message() {
    return message;
  }

  /** {@return how to fix the app, in the control's own terms} */
  public String remediation() {
    return control.remediation();
  }

  /**
   * {@return other files read to reach the verdict: org-wide settings, an External Client App's
   * parts}
   */
  public List<String> relatedFiles() {
    return relatedFiles;
  }

  @Override
  public String toString() {
    return Printable.longText("Finding[" + control.ruleId() + " " + status.id() + " " + app + " at "
        + file + ":" + line + "]");
  }

  /**
   * Builds a {@link Finding}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Control control;
    private String app;
    private String label;
    private String archive;
    private String file;
    private int line = 1;
    private Status status;
    private ClientProfile profile = ClientProfile.UNKNOWN;
    private final List<String> profileEvidence = new ArrayList<>();
    private String message;
    private final List<String> relatedFiles = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder(Control control) {
      this.control = control;
    }

    /**
     * The app's API name. Required.
     *
     * @param app the app's API name
     * @return this builder
     */
    public Builder app(String app) {
      this.app = Objects.requireNonNull(app, "app");
      return this;
    }

    /**
     * The app's label; defaults to its API name.
     *
     * @param label the app's label, or {@code null} for none
     * @return this builder
     */
    public Builder label(String label) {
      this.label = label;
      return this;
    }

    /**
     * The file and 1-based line of the deciding element. Required.
     *
     * @param file the file, as in {@link Finding#file()}
     * @param line the 1-based line
     * @return this builder
     */
    public Builder location(String file, int line) {
      if (line < 1) {
        throw new IllegalArgumentException("line is " + line + "; lines are 1-based");
      }
      this.file = Objects.requireNonNull(file, "file");
      this.line = line;
      return this;
    }

    /**
     * The zip that holds the {@link #location(String, int) location}'s file; default none.
     *
     * @param archive the zip, as its input was displayed, or {@code null} for a file not in a zip
     * @return this builder
     */
    public Builder archive(String archive) {
      this.archive = archive;
      return this;
    }

    /**
     * The verdict and why. Required.
     *
     * @param status the verdict
     * @param message what was found and why it gives this verdict
     * @return this builder
     */
    public Builder verdict(Status status, String message) {
      this.status = Objects.requireNonNull(status, "status");
      this.message = Objects.requireNonNull(message, "message");
      return this;
    }

    /**
     * The client profile and the evidence that decided it; defaults to unknown, no evidence.
     *
     * @param profile the client profile
     * @param evidence the settings that decided the profile, each with its line
     * @return this builder
     */
    public Builder profile(ClientProfile profile, List<String> evidence) {
      this.profile = Objects.requireNonNull(profile, "profile");
      this.profileEvidence.clear();
      this.profileEvidence.addAll(evidence);
      return this;
    }

    /**
     * Adds a file that was read to reach the verdict.
     *
     * @param file the file, as in {@link Finding#file()}
     * @return this builder
     */
    public Builder relatedFile(String file) {
      relatedFiles.add(Objects.requireNonNull(file, "file"));
      return this;
    }

    /**
     * Records one of the app's OAuth settings, for the inventory; a later value for the same
     * name replaces the earlier one.
     *
     * @param name the setting's name, e.g. {@code isPkceRequired}
     * @param value its value as read
     * @return this builder
     */
    public Builder setting(String name, String value) {
      settings.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** {@return the finding} */
    public Finding build() {
      if (file == null) {
        throw new IllegalStateException("location(file, line) was not set");
      }
      if (status == null) {
        throw new IllegalStateException("verdict(status, message) was not set");
      }
      return new Finding(this);
    }
  }
}
