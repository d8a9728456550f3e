package dev.finpipe.handlers.support;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Job ids are random UUIDs in canonical text form; anything else is a client error. */
public final class JobIds {
  // UUID.fromString alone accepts forms like "1-1-1-1-1", so the canonical shape is checked first.
  private static final Pattern CANONICAL =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private JobIds() {}

  public static String newJobId() {
    return UUID.randomUUID().toString();
  }

  /** The lower-case canonical id (as keys are written), or empty when the text is not a UUID. */
  public static Optional<String> normalize(String candidate) {
    if (candidate == null || !CANONICAL.matcher(candidate).matches()) {
      return Optional.empty();
    }
    return Optional.of(candidate.toLowerCase(Locale.ROOT));
  }
}
