package dev.finpipe.operator.reconciler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SHA-256 digests taken of function-code objects in S3 that carry no checksum of their own, least recently
 * used first out, bounded by count. Keyed by the AWS target (region, endpoint, credentials) and the location: what
 * one pipeline read through its own endpoint or credentials is never served to another. No I/O happens under the
 * lock: callers digest first, then {@link #put}.
 */
final class FunctionCodeCache {
  static final int DEFAULT_MAX_ENTRIES = 1024;
  private final Map<Key, Entry> entries;

  /** Where the object was read from, and as whom. */
  record Key(String targetCacheKey, String bucket, String objectKey) {
  }

  /** What S3 said of the object when it was digested: its ETag, its version id (null when unversioned). */
  record Entry(String eTag, String versionId, String sha256) {
  }

  FunctionCodeCache(int maxEntries) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
        return size() > maxEntries;
      }
    };
  }

  synchronized Optional<Entry> get(Key key) {
    return Optional.ofNullable(entries.get(key));
  }

  synchronized void put(Key key, Entry entry) {
    entries.put(key, entry);
  }
}
