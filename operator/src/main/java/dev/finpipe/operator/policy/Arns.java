package dev.finpipe.operator.policy;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ARNs, URIs and URLs of one account in one region. The partition follows from the region
 * ({@code cn-*} → {@code aws-cn}, {@code us-gov-*} → {@code aws-us-gov}, otherwise {@code aws}).
 */
public record Arns(String partition, String region, String accountId) {
  /**
   * The regions a pipeline may live in: commercial, GovCloud ({@code us-gov-*}) and China, not the isolated
   * ones. The one definition: the CRD's spec.region pattern and {@link ResourceNames#bucket} use it too.
   */
  public static final String REGION_PATTERN = "^[a-z]{2}(-gov)?-[a-z]+-[1-9]$";
  static final Pattern REGION = Pattern.compile(REGION_PATTERN);
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern KMS_KEY = Pattern.compile(
      "arn:([a-z-]+):kms:([a-z0-9-]+):(\\d{12}):key/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
          + "|mrk-[0-9a-f]{32})");
  private static final Pattern SNS_TOPIC = Pattern.compile(
      "arn:([a-z-]+):sns:([a-z0-9-]+):(\\d{12}):([A-Za-z0-9_-]{1,256}(\\.fifo)?)");
  private static final Pattern PATH_PARAM = Pattern.compile("\\{[^/}]+}");

  public Arns {
    if (!REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("not an AWS region: " + region);
    }
    if (!ACCOUNT.matcher(accountId).matches()) {
      throw new IllegalArgumentException("account id must be 12 digits: " + accountId);
    }
  }

  public static Arns of(String region, String accountId) {
    return new Arns(partitionOf(region), region, accountId);
  }

  /** The partition of a region. Isolated (ISO) regions are refused rather than given wrong ARNs. */
  public static String partitionOf(String region) {
    if (region.startsWith("cn-")) {
      return "aws-cn";
    }
    if (region.startsWith("us-gov-")) {
      return "aws-us-gov";
    }
    if (region.startsWith("us-iso") || region.startsWith("eu-iso")) {
      throw new IllegalArgumentException("isolated regions are not supported: " + region);
    }
    return "aws";
  }

  public String bucket(String bucketName) {
    return "arn:" + partition + ":s3:::" + bucketName;
  }

  /** Every object under a key prefix, e.g. {@code arn:aws:s3:::bucket/incoming/*}. */
  public String objects(String bucketName, String prefix) {
    return bucket(bucketName) + "/" + prefix + "*";
  }

  public String function(String functionName) {
    return "arn:" + partition + ":lambda:" + region + ":" + accountId + ":function:" + functionName;
  }

  public String queue(String queueName) {
    return "arn:" + partition + ":sqs:" + region + ":" + accountId + ":" + queueName;
  }

  public String logGroup(String logGroupName) {
    return "arn:" + partition + ":logs:" + region + ":" + accountId + ":log-group:" + logGroupName;
  }

  /** The log group's streams: the {@code :*} form IAM needs for CreateLogStream/PutLogEvents. */
  public String logStreams(String logGroupName) {
    return logGroup(logGroupName) + ":*";
  }

  /** A role at {@code path} (IAM is global: no region in the ARN); {@code path} starts and ends with {@code /}. */
  public String role(String path, String roleName) {
    return "arn:" + partition + ":iam::" + accountId + ":role" + path + roleName;
  }

  /**
   * A customer managed policy of this account, from {@code path/name} (e.g. {@code finpipe/boundary}), or the
   * ARN itself when given one.
   */
  public String managedPolicy(String pathAndNameOrArn) {
    if (pathAndNameOrArn.startsWith("arn:")) {
      return pathAndNameOrArn;
    }
    String pathAndName = pathAndNameOrArn.startsWith("/") ? pathAndNameOrArn.substring(1) : pathAndNameOrArn;
    return "arn:" + partition + ":iam::" + accountId + ":policy/" + pathAndName;
  }

  public String alarm(String alarmName) {
    return "arn:" + partition + ":cloudwatch:" + region + ":" + accountId + ":alarm:" + alarmName;
  }

  /**
   * The REST API as an API Gateway resource (what TagResource takes), {@code
   * arn:<partition>:apigateway:<region>::/restapis/<apiId>}. Source: "API Gateway Amazon Resource Name (ARN)
   * reference", https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html.
   */
  public String restApi(String apiId) {
    return "arn:" + partition + ":apigateway:" + region + "::/restapis/" + apiId;
  }

  /** The REST API's execution ARN, {@code arn:<partition>:execute-api:<region>:<account>:<apiId>}. */
  public String executeApi(String apiId) {
    return "arn:" + partition + ":execute-api:" + region + ":" + accountId + ":" + apiId;
  }

  /**
   * The source ARN of one route's invoke permission: {@code <execution-arn>/<stage>/<METHOD>/<path>} with
   * path parameters as {@code *}, e.g. {@code .../prod/GET/status/*}. {@code ANY} becomes {@code *}.
   */
  public String routeSource(String apiId, String stage, String method, String path) {
    String verb = method.toUpperCase(Locale.ROOT);
    String resource = PATH_PARAM.matcher(path.startsWith("/") ? path.substring(1) : path).replaceAll("*");
    return executeApi(apiId) + "/" + stage + "/" + ("ANY".equals(verb) ? "*" : verb) + "/" + resource;
  }

  /** The AWS_PROXY integration URI of a Lambda function (not its ARN, not an "invoke ARN" guess). */
  public String lambdaIntegrationUri(String functionArn) {
    return "arn:" + partition + ":apigateway:" + region + ":lambda:path/2015-03-31/functions/" + functionArn
        + "/invocations";
  }

  /**
   * The invoke URL of a stage, {@code https://<api-id>.execute-api.<region>.<domain>/<stage>}, in the
   * partition's domain: {@code amazonaws.com.cn} in China, {@code amazonaws.com} elsewhere. Source: "Beijing
   * Region Endpoints" (API Gateway Dataplane: execute-api.cn-north-1.amazonaws.com.cn),
   * https://docs.amazonaws.cn/en_us/general/latest/gr/cnnorth_region.html.
   */
  public String apiUrl(String apiId, String stage) {
    return "https://" + apiId + ".execute-api." + region + "." + domain() + "/" + stage;
  }

  /** The DNS suffix of the partition's service endpoints. */
  public String domain() {
    return "aws-cn".equals(partition) ? "amazonaws.com.cn" : "amazonaws.com";
  }

  /**
   * Why a user-supplied KMS key ARN cannot be used here; empty when it can. Aliases are refused: IAM
   * grants need the key ARN itself. The key must live in this partition, region and (for now) account.
   */
  public Optional<String> kmsKeyArnProblem(String arn) {
    if (arn == null || arn.isBlank()) {
      return Optional.of("kmsKeyArn is empty");
    }
    if (arn.contains(":alias/")) {
      return Optional.of("kmsKeyArn must be a key ARN (…:key/<key-id>), not an alias: " + arn);
    }
    Matcher m = KMS_KEY.matcher(arn);
    if (!m.matches()) {
      return Optional.of("kmsKeyArn is not a KMS key ARN like arn:" + partition + ":kms:" + region + ":"
          + accountId + ":key/1234abcd-12ab-34cd-56ef-1234567890ab: " + arn);
    }
    return sameScope("kmsKeyArn", arn, m.group(1), m.group(2), m.group(3));
  }

  /** Why a user-supplied SNS topic ARN cannot be an alarm action; empty when it can. */
  public Optional<String> snsTopicArnProblem(String arn) {
    if (arn == null || arn.isBlank()) {
      return Optional.of("SNS topic ARN is empty");
    }
    Matcher m = SNS_TOPIC.matcher(arn);
    if (!m.matches()) {
      return Optional.of("not an SNS topic ARN like arn:" + partition + ":sns:" + region + ":" + accountId
          + ":my-topic: " + arn);
    }
    return sameScope("SNS topic ARN", arn, m.group(1), m.group(2), null);
  }

  private Optional<String> sameScope(String what, String arn, String arnPartition, String arnRegion,
                                     String arnAccount) {
    if (!partition.equals(arnPartition)) {
      return Optional.of(what + " is in partition " + arnPartition + " but the pipeline is in " + partition
          + ": " + arn);
    }
    if (!region.equals(arnRegion)) {
      return Optional.of(what + " is in region " + arnRegion + " but the pipeline is in " + region + ": " + arn);
    }
    if (arnAccount != null && !accountId.equals(arnAccount)) {
      return Optional.of(what + " belongs to account " + arnAccount + " but the pipeline runs in " + accountId
          + "; cross-account keys are not supported: " + arn);
    }
    return Optional.empty();
  }
}
