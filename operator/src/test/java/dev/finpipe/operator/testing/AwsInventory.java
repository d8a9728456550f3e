package dev.finpipe.operator.testing;

import dev.finpipe.operator.aws.AwsClients;
import dev.finpipe.operator.support.Ownership;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every AWS resource in the emulator that carries a given owner uid, listed service by service. */
public final class AwsInventory {
  private AwsInventory() {
  }

  public static List<String> ownedBy(AwsClients aws, String uid) {
    List<String> found = new ArrayList<>();
    aws.s3().listBuckets().buckets().forEach(b -> {
      try {
        var tags = aws.s3().getBucketTagging(t -> t.bucket(b.name())).tagSet();
        if (tags.stream().anyMatch(t -> t.key().equals(Ownership.TAG_UID) && t.value().equals(uid))) {
          found.add("s3:" + b.name());
        }
      } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
        // untagged bucket: not ours
      }
    });
    aws.sqs().listQueuesPaginator().queueUrls().forEach(url -> {
      try {
        if (uid.equals(aws.sqs().listQueueTags(t -> t.queueUrl(url)).tags().get(Ownership.TAG_UID))) {
          found.add("sqs:" + url);
        }
      } catch (software.amazon.awssdk.services.sqs.model.SqsException e) {
        // deleted between listing and reading: gone, so not left behind
      }
    });
    aws.iam().listRolesPaginator().roles().forEach(r -> {
      var tags = aws.iam().listRoleTags(t -> t.roleName(r.roleName())).tags();
      if (tags.stream().anyMatch(t -> t.key().equals(Ownership.TAG_UID) && t.value().equals(uid))) {
        found.add("iam:" + r.roleName());
      }
    });
    aws.lambda().listFunctionsPaginator().functions().forEach(f -> {
      if (owned(aws.lambda().listTags(t -> t.resource(f.functionArn())).tags(), uid)) {
        found.add("lambda:" + f.functionName());
      }
    });
    aws.apiGateway().getRestApis(r -> r.limit(500)).items().forEach(api -> {
      if (owned(api.tags(), uid)) {
        found.add("apigateway:" + api.name());
      }
    });
    aws.cloudWatch().describeAlarmsPaginator().metricAlarms().forEach(a -> {
      var tags = aws.cloudWatch().listTagsForResource(t -> t.resourceARN(a.alarmArn())).tags();
      if (tags.stream().anyMatch(t -> t.key().equals(Ownership.TAG_UID) && t.value().equals(uid))) {
        found.add("cloudwatch:" + a.alarmName());
      }
    });
    aws.logs().describeLogGroupsPaginator().logGroups().forEach(g -> {
      String arn = g.arn().endsWith(":*") ? g.arn().substring(0, g.arn().length() - 2) : g.arn();
      if (owned(aws.logs().listTagsForResource(t -> t.resourceArn(arn)).tags(), uid)) {
        found.add("logs:" + g.logGroupName());
      }
    });
    return found;
  }

  private static boolean owned(Map<String, String> tags, String uid) {
    return tags != null && uid.equals(tags.get(Ownership.TAG_UID));
  }
}
