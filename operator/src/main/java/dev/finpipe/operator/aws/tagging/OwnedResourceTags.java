package dev.finpipe.operator.aws.tagging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.Tag;

/**
 * The tags of the pipeline's alarms, log groups, queues and bucket as one paginated {@code GetResources} of the
 * Resource Groups Tagging API lists them under the pipeline's ownership tag, read once per pass: each manager then
 * needs no tag read of its own. A resource not in the answer (someone else's, one tagged otherwise, one just
 * created) is judged by its own tags read ({@link #of} is empty for it), and so is every resource when the listing
 * is refused (an operator policy without {@code tag:GetResources}) or fails: the listing saves calls, it never
 * decides alone. Never kept across passes; {@link #forget} drops a resource after its create or a write to its
 * tags.
 *
 * <p>AWS documents no read-after-write consistency for this listing, so a tag changed out of band may show its
 * old value in it until the index catches up: the drift is then corrected at a later resync. Sources:
 * "GetResources" (returns the tagged or previously tagged resources of the Region; TagFilters; pagination with
 * PaginationToken), https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html;
 * "Actions, resources, and condition keys for Amazon Resource Group Tagging API" (tag:GetResources, Read, no
 * resource type: Resource "*"),
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_resourcegroupstaggingapi.html.
 */
public final class OwnedResourceTags {
  /** Only the kinds whose managers consult the listing (service names as in ARNs: "service[:resourceType]"). */
  static final List<String> RESOURCE_TYPES = List.of("cloudwatch", "logs", "sqs", "s3");
  private static final Logger LOG = LoggerFactory.getLogger(OwnedResourceTags.class);
  private final Supplier<ResourceGroupsTaggingApiClient> tagging;
  private final String tagKey;
  private final String tagValue;
  /** Resources this pass wrote tags to (or created): their own tags are read, whatever the listing says. */
  private final Set<String> written = ConcurrentHashMap.newKeySet();
  private Map<String, Map<String, String>> byArn;

  /** The resources tagged {@code tagKey=tagValue}, listed on first use. */
  public OwnedResourceTags(Supplier<ResourceGroupsTaggingApiClient> tagging, String tagKey, String tagValue) {
    this.tagging = tagging;
    this.tagKey = tagKey;
    this.tagValue = tagValue;
  }

  /** No listing: every resource is judged by its own tags read. */
  public static OwnedResourceTags none() {
    return new OwnedResourceTags(null, null, null);
  }

  /** The resource's tags as listed; empty when it is not in the listing (then read its own). */
  public Optional<Map<String, String>> of(String arn) {
    if (tagging == null || written.contains(normalised(arn))) {
      return Optional.empty();
    }
    synchronized (this) {
      if (byArn == null) {
        byArn = list();
      }
      return Optional.ofNullable(byArn.get(normalised(arn)));
    }
  }

  /**
   * After a create of the resource or a write to its tags: its own tags are read for the rest of the pass, even if
   * the listing is made later (it may not show the write yet).
   */
  public void forget(String arn) {
    written.add(normalised(arn));
  }

  private Map<String, Map<String, String>> list() {
    Map<String, Map<String, String>> listed = new HashMap<>();
    try {
      tagging.get().getResourcesPaginator(b -> b.resourceTypeFilters(RESOURCE_TYPES)
          .tagFilters(f -> f.key(tagKey).values(tagValue))).resourceTagMappingList()
          .forEach(m -> listed.put(normalised(m.resourceARN()), tags(m)));
    } catch (SdkException e) {
      // Refused (no tag:GetResources) or failed: each manager reads its resource's own tags, as without the listing.
      LOG.debug("GetResources for {}={} refused or failed ({}); reading each resource's own tags", tagKey, tagValue,
          e.getMessage());
      listed.clear();
    }
    return listed;
  }

  private static Map<String, String> tags(ResourceTagMapping mapping) {
    Map<String, String> tags = new HashMap<>();
    mapping.tags().forEach((Tag t) -> tags.put(t.key(), t.value()));
    return Map.copyOf(tags);
  }

  /** A log group's ARN with or without its {@code :*} stream suffix names the same log group. Pure. */
  static String normalised(String arn) {
    return arn.endsWith(":*") ? arn.substring(0, arn.length() - 2) : arn;
  }
}
