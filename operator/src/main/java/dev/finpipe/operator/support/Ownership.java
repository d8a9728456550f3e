package dev.finpipe.operator.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who owns an AWS resource: the FinancialPipeline's namespace, name and uid, written as tags on every
 * resource. A resource carrying another uid (or none) is foreign and is never modified.
 *
 * @param adoptFromUid the uid of an earlier FinancialPipeline of the same namespace and name whose retained
 *                     resources this one may take over (the {@value #ADOPT_RETAINED_ANNOTATION} annotation);
 *                     null when none. Tags alone never suffice: a namespace re-created by another team, or
 *                     another account that pre-created a name with copied tags, would otherwise be adopted.
 */
public record Ownership(String namespace, String name, String uid, String adoptFromUid) {
  /**
   * Annotation on a FinancialPipeline that lets it take over what an earlier one of the same name retained; its
   * value is that earlier pipeline's uid (the {@value #TAG_UID} tag of what it retained).
   */
  public static final String ADOPT_RETAINED_ANNOTATION = "finpipe.dev/adopt-retained";
  public static final String TAG_NAMESPACE = "finpipe.dev/namespace";
  public static final String TAG_NAME = "finpipe.dev/name";
  public static final String TAG_UID = "finpipe.dev/uid";
  public static final String TAG_MANAGED_BY = "finpipe.dev/managed-by";
  public static final String MANAGER = "financial-pipeline-operator";
  /** The prefix of every ownership tag. */
  public static final String TAG_PREFIX = "finpipe.dev/";

  public Ownership(String namespace, String name, String uid) {
    this(namespace, name, uid, null);
  }

  /** The ownership tags, in a stable order. */
  public Map<String, String> tags() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(TAG_MANAGED_BY, MANAGER);
    tags.put(TAG_NAMESPACE, namespace);
    tags.put(TAG_NAME, name);
    tags.put(TAG_UID, uid);
    return tags;
  }

  /**
   * True when the tags found on a resource name this owner, or the earlier FinancialPipeline of the same
   * namespace and name that the adopt annotation names by uid (whose resources its Retain policy kept).
   */
  public boolean owns(Map<String, String> actualTags) {
    if (actualTags == null) {
      return false;
    }
    return uid.equals(actualTags.get(TAG_UID))
        || adoptFromUid != null && adoptFromUid.equals(actualTags.get(TAG_UID)) && previousIncarnation(actualTags);
  }

  /** Whether the tags found on a resource carry any ownership tag at all (this owner's or anyone else's). */
  public static boolean carriesOwnershipTags(Map<String, String> actualTags) {
    return actualTags != null && actualTags.keySet().stream().anyMatch(k -> k.startsWith(TAG_PREFIX));
  }

  private boolean previousIncarnation(Map<String, String> tags) {
    return namespace.equals(tags.get(TAG_NAMESPACE)) && name.equals(tags.get(TAG_NAME))
        && MANAGER.equals(tags.get(TAG_MANAGED_BY));
  }

  /**
   * Throws a {@link TerminalException} unless the tags found on {@code resource} name this owner. Called
   * before any write to a resource that already existed. The message never tells who the other owner is (its
   * namespace, name or uid may be another tenant's).
   */
  public void requireOwned(String kind, String resource, Map<String, String> actualTags) {
    if (owns(actualTags)) {
      return;
    }
    String other = actualTags == null ? null : actualTags.get(TAG_UID);
    String owner;
    if (other == null) {
      owner = "it is not managed by this operator";
    } else if (previousIncarnation(actualTags)) {
      owner = "an earlier FinancialPipeline of this namespace and name created it and kept it when deleted; to "
          + "take it over, annotate this FinancialPipeline with " + ADOPT_RETAINED_ANNOTATION + "=<the uid of that "
          + "earlier pipeline, the value of the resource's " + TAG_UID + " tag>";
    } else {
      owner = "it belongs to another owner";
    }
    throw new TerminalException("ForeignResource",
        kind + " " + resource + " already exists and " + owner + "; it was left untouched."
            + " Choose another name or delete it.");
  }
}
