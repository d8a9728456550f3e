package dev.finpipe.operator.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who owns an AWS resource: the FinancialPipeline's namespace, name and uid, written as tags on every
 * resource. A resource carrying another uid (or none) is foreign and is never modified.
 */
public record Ownership(String namespace, String name, String uid) {
  public static final String TAG_NAMESPACE = "finpipe.dev/namespace";
  public static final String TAG_NAME = "finpipe.dev/name";
  public static final String TAG_UID = "finpipe.dev/uid";
  public static final String TAG_MANAGED_BY = "finpipe.dev/managed-by";
  public static final String MANAGER = "financial-pipeline-operator";

  /** The ownership tags, in a stable order. */
  public Map<String, String> tags() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(TAG_MANAGED_BY, MANAGER);
    tags.put(TAG_NAMESPACE, namespace);
    tags.put(TAG_NAME, name);
    tags.put(TAG_UID, uid);
    return tags;
  }

  /** True when the tags found on a resource name this owner. */
  public boolean owns(Map<String, String> actualTags) {
    return actualTags != null && uid.equals(actualTags.get(TAG_UID));
  }

  /**
   * Throws a {@link TerminalException} unless the tags found on {@code resource} name this owner.
   * Called before any write to a resource that already existed.
   */
  public void requireOwned(String kind, String resource, Map<String, String> actualTags) {
    if (owns(actualTags)) {
      return;
    }
    String other = actualTags == null ? null : actualTags.get(TAG_UID);
    String owner = other == null
        ? "it is not managed by this operator"
        : "it belongs to " + actualTags.get(TAG_NAMESPACE) + "/" + actualTags.get(TAG_NAME) + " (uid " + other + ")";
    throw new TerminalException("ForeignResource",
        kind + " " + resource + " already exists and " + owner + "; it was left untouched."
            + " Choose another name or delete it.");
  }
}
