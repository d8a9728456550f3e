package dev.finpipe.handlers.support;

/** S3 returns ETags quoted in HTTP headers but unquoted in event notifications; compare them unquoted. */
public final class ETags {
  private ETags() {}

  public static String normalize(String eTag) {
    if (eTag == null) {
      return null;
    }
    String trimmed = eTag.trim();
    if (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")) {
      return trimmed.substring(1, trimmed.length() - 1);
    }
    return trimmed;
  }

  public static String quoted(String eTag) {
    return "\"" + normalize(eTag) + "\"";
  }
}
