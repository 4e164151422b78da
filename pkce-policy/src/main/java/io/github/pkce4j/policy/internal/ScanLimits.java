package io.github.pkce4j.policy.internal;

/** The size caps a scan enforces. */
public final class ScanLimits {
  final long maxFileBytes;
  final int maxZipEntries;
  final long maxZipTotalBytes;
  final int maxZipRatio;

  public ScanLimits(long maxFileBytes, int maxZipEntries, long maxZipTotalBytes, int maxZipRatio) {
    this.maxFileBytes = maxFileBytes;
    this.maxZipEntries = maxZipEntries;
    this.maxZipTotalBytes = maxZipTotalBytes;
    this.maxZipRatio = maxZipRatio;
  }
}
