package dev.finpipe.operator.testing;

import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.support.Ownership;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** Every AWS resource in the emulator that carries a given owner uid, listed service by service. */
public final class AwsInventory {
  private AwsInventory() {
  }

  public static List<String> ownedBy(AwsClients aws, String uid) {
    return new ArrayList<>(tagsOfOwnedBy(aws, uid).keySet());
  }

  /** The same resources, each with the tags it carries ("kind:name" to tags). */
  public static Map<String, Map<String, String>> tagsOfOwnedBy(AwsClients aws, String uid) {
    Map<String, Map<String, String>> found = new LinkedHashMap<>();
    aws.s3().listBuckets().buckets().forEach(b -> {
      Map<String, String> tags = tags(() -> aws.s3().getBucketTagging(t -> t.bucket(b.name())).tagSet().stream()
          .collect(Collectors.toMap(t -> t.key(), t -> t.value())));
      if (owned(tags, uid)) {
        found.put("s3:" + b.name(), tags);
      }
    });
    aws.sqs().listQueuesPaginator().queueUrls().forEach(url -> {
      Map<String, String> tags = tags(() -> aws.sqs().listQueueTags(t -> t.queueUrl(url)).tags());
      if (owned(tags, uid)) {
        found.put("sqs:" + url, tags);
      }
    });
    aws.iam().listRolesPaginator().roles().forEach(r -> {
      Map<String, String> tags = tags(() -> aws.iam().listRoleTags(t -> t.roleName(r.roleName())).tags().stream()
          .collect(Collectors.toMap(t -> t.key(), t -> t.value())));
      if (owned(tags, uid)) {
        found.put("iam:" + r.roleName(), tags);
      }
    });
    aws.lambda().listFunctionsPaginator().functions().forEach(f -> {
      Map<String, String> tags = tags(() -> aws.lambda().listTags(t -> t.resource(f.functionArn())).tags());
      if (owned(tags, uid)) {
        found.put("lambda:" + f.functionName(), tags);
      }
    });
    aws.apiGateway().getRestApis(r -> r.limit(500)).items().forEach(api -> {
      Map<String, String> tags = api.tags();
      if (owned(tags, uid)) {
        found.put("apigateway:" + api.name(), tags);
      }
    });
    aws.cloudWatch().describeAlarmsPaginator().metricAlarms().forEach(a -> {
      Map<String, String> tags = tags(() -> aws.cloudWatch().listTagsForResource(t -> t.resourceARN(a.alarmArn()))
          .tags().stream().collect(Collectors.toMap(t -> t.key(), t -> t.value())));
      if (owned(tags, uid)) {
        found.put("cloudwatch:" + a.alarmName(), tags);
      }
    });
    aws.logs().describeLogGroupsPaginator().logGroups().forEach(g -> {
      String arn = g.arn().endsWith(":*") ? g.arn().substring(0, g.arn().length() - 2) : g.arn();
      Map<String, String> tags = tags(() -> aws.logs().listTagsForResource(t -> t.resourceArn(arn)).tags());
      if (owned(tags, uid)) {
        found.put("logs:" + g.logGroupName(), tags);
      }
    });
    return found;
  }

  /**
   * The tags of a listed resource; none when it has none or was deleted between listing and reading
   * (other suites share the emulator), since a resource that is gone is not left behind.
   */
  private static Map<String, String> tags(Supplier<Map<String, String>> read) {
    try {
      return read.get();
    } catch (AwsServiceException e) {
      return Map.of();
    }
  }

  private static boolean owned(Map<String, String> tags, String uid) {
    return tags != null && uid.equals(tags.get(Ownership.TAG_UID));
  }
}
