package dev.finpipe.operator.aws;

import java.util.LinkedHashMap;
import java.util.Map;

/** Tag drift: only the tags we manage count; tags others add to a resource are left alone. */
public final class TagDiff {
  private TagDiff() {
  }

  /** Desired tags that are absent or have another value on the resource. */
  public static Map<String, String> missing(Map<String, String> desired, Map<String, String> actual) {
    Map<String, String> missing = new LinkedHashMap<>();
    desired.forEach((k, v) -> {
      if (!v.equals(actual.get(k))) {
        missing.put(k, v);
      }
    });
    return missing;
  }
}
