package dev.finpipe.operator.testing;

import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.support.Ownership;
import java.util.ArrayList;
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
    List<String> found = new ArrayList<>();
    aws.s3().listBuckets().buckets().forEach(b -> {
      if (owned(tags(() -> aws.s3().getBucketTagging(t -> t.bucket(b.name())).tagSet().stream()
          .collect(Collectors.toMap(t -> t.key(), t -> t.value()))), uid)) {
        found.add("s3:" + b.name());
      }
    });
    aws.sqs().listQueuesPaginator().queueUrls().forEach(url -> {
      if (owned(tags(() -> aws.sqs().listQueueTags(t -> t.queueUrl(url)).tags()), uid)) {
        found.add("sqs:" + url);
      }
    });
    aws.iam().listRolesPaginator().roles().forEach(r -> {
      if (owned(tags(() -> aws.iam().listRoleTags(t -> t.roleName(r.roleName())).tags().stream()
          .collect(Collectors.toMap(t -> t.key(), t -> t.value()))), uid)) {
        found.add("iam:" + r.roleName());
      }
    });
    aws.lambda().listFunctionsPaginator().functions().forEach(f -> {
      if (owned(tags(() -> aws.lambda().listTags(t -> t.resource(f.functionArn())).tags()), uid)) {
        found.add("lambda:" + f.functionName());
      }
    });
    aws.apiGateway().getRestApis(r -> r.limit(500)).items().forEach(api -> {
      if (owned(api.tags(), uid)) {
        found.add("apigateway:" + api.name());
      }
    });
    aws.cloudWatch().describeAlarmsPaginator().metricAlarms().forEach(a -> {
      if (owned(tags(() -> aws.cloudWatch().listTagsForResource(t -> t.resourceARN(a.alarmArn())).tags().stream()
          .collect(Collectors.toMap(t -> t.key(), t -> t.value()))), uid)) {
        found.add("cloudwatch:" + a.alarmName());
      }
    });
    aws.logs().describeLogGroupsPaginator().logGroups().forEach(g -> {
      String arn = g.arn().endsWith(":*") ? g.arn().substring(0, g.arn().length() - 2) : g.arn();
      if (owned(tags(() -> aws.logs().listTagsForResource(t -> t.resourceArn(arn)).tags()), uid)) {
        found.add("logs:" + g.logGroupName());
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
