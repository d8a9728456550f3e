package dev.finpipe.handlers.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** S3 event notifications carry object keys URL-encoded ("+" for space, %xx for the rest). */
public final class S3EventKeys {
  private S3EventKeys() {}

  /** The decoded key, or empty when the text holds a broken escape (a '%' not followed by two hex digits). */
  public static Optional<String> decode(String eventKey) {
    try {
      return Optional.of(URLDecoder.decode(eventKey, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
