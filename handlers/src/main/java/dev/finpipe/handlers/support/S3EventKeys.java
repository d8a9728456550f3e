package dev.finpipe.handlers.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** S3 event notifications carry object keys URL-encoded ("+" for space, %xx for the rest). */
public final class S3EventKeys {
  private S3EventKeys() {}

  public static String decode(String eventKey) {
    return URLDecoder.decode(eventKey, StandardCharsets.UTF_8);
  }
}
