package dev.finpipe.operator.reconciler;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The function-code objects fetched from S3, least recently used first out, bounded by their total bytes so
 * that many large objects cannot exhaust the heap. Keyed by the AWS target (region, endpoint, credentials) and
 * the location: what one pipeline fetched through its own endpoint or credentials is never served to another.
 * No I/O happens under the lock: callers fetch first, then {@link #put}.
 */
final class FunctionCodeCache {
  /** The bound the operator runs with: two of the largest objects Lambda accepts in a direct upload. */
  static final long DEFAULT_MAX_BYTES = 2 * FunctionCode.MAX_DIRECT_UPLOAD;
  private final long maxBytes;
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  /** Where the object was read from, and as whom. */
  record Key(String targetCacheKey, String bucket, String objectKey) {
  }

  /**
   * What S3 said of the object when it was fetched: its ETag, its version id (null when the bucket has no
   * versioning) and the artifact, whose SHA-256 is compared with S3's checksum when S3 keeps one.
   */
  record Entry(String eTag, String versionId, FunctionCode.Artifact artifact) {
    long size() {
      return artifact.bytes().length;
    }
  }

  FunctionCodeCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  synchronized Optional<Entry> get(Key key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** Keeps {@code entry} unless it alone exceeds the bound; evicts the least recently used until it fits. */
  synchronized void put(Key key, Entry entry) {
    Entry old = entries.remove(key);
    if (old != null) {
      bytes -= old.size();
    }
    if (entry.size() > maxBytes) {
      return;
    }
    for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator(); bytes + entry.size() > maxBytes; ) {
      bytes -= it.next().getValue().size();
      it.remove();
    }
    entries.put(key, entry);
    bytes += entry.size();
  }

  synchronized long bytes() {
    return bytes;
  }
}
