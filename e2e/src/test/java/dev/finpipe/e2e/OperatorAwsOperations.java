package dev.finpipe.e2e;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The documented table of every AWS operation the operator calls (operator/.../aws and reconciler) and the
 * IAM action that authorises it. docs/operator-iam-policy.json must grant exactly these actions; the e2e run
 * checks that every operation the operator really called (its finpipe_aws_calls metric) is in the table.
 */
public final class OperatorAwsOperations {
  /** Operations that need no IAM permission. */
  private static final String NONE = "";
  private static final Map<String, String> ACTIONS = new TreeMap<>();

  static {
    s3("CreateBucket", "s3:CreateBucket");
    s3("DeleteBucket", "s3:DeleteBucket");
    s3("HeadBucket", "s3:ListBucket");
    s3("ListObjectsV2", "s3:ListBucket");
    s3("GetBucketEncryption", "s3:GetEncryptionConfiguration");
    s3("PutBucketEncryption", "s3:PutEncryptionConfiguration");
    s3("GetBucketLifecycleConfiguration", "s3:GetLifecycleConfiguration");
    s3("PutBucketLifecycleConfiguration", "s3:PutLifecycleConfiguration");
    s3("GetBucketNotificationConfiguration", "s3:GetBucketNotification");
    s3("PutBucketNotificationConfiguration", "s3:PutBucketNotification");
    s3("GetBucketPolicy", "s3:GetBucketPolicy");
    s3("PutBucketPolicy", "s3:PutBucketPolicy");
    s3("GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock");
    s3("PutPublicAccessBlock", "s3:PutBucketPublicAccessBlock");
    s3("GetBucketTagging", "s3:GetBucketTagging");
    s3("PutBucketTagging", "s3:PutBucketTagging");
    // The code staging bucket (aws/codestaging): CreateBucket with ObjectOwnership needs
    // s3:PutBucketOwnershipControls ("CreateBucket", https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html);
    // HeadObject needs s3:GetObject ("HeadObject", https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadObject.html).
    s3("HeadObject", "s3:GetObject");
    s3("PutObject", "s3:PutObject");
    ACTIONS.put("s3:PutBucketOwnershipControls (CreateBucket with ObjectOwnership)", "s3:PutBucketOwnershipControls");
    same("iam", "CreateRole", "DeleteRole", "GetRole", "UpdateRole", "UpdateAssumeRolePolicy", "TagRole",
        "PutRolePolicy", "GetRolePolicy", "DeleteRolePolicy", "ListRolePolicies", "ListAttachedRolePolicies",
        "DetachRolePolicy", "PutRolePermissionsBoundary");
    // CreateFunction and UpdateFunctionConfiguration hand a role to Lambda.
    ACTIONS.put("iam:PassRole (CreateFunction/UpdateFunctionConfiguration)", "iam:PassRole");
    same("lambda", "CreateFunction", "DeleteFunction", "GetFunction", "UpdateFunctionCode",
        "UpdateFunctionConfiguration", "ListTags", "TagResource", "AddPermission", "RemovePermission", "GetPolicy",
        "GetFunctionEventInvokeConfig", "PutFunctionEventInvokeConfig", "DeleteFunctionEventInvokeConfig");
    same("sqs", "CreateQueue", "DeleteQueue", "GetQueueAttributes", "SetQueueAttributes",
        "ListQueueTags", "TagQueue");
    same("logs", "CreateLogGroup", "DeleteLogGroup", "DescribeLogGroups", "PutRetentionPolicy", "AssociateKmsKey",
        "DisassociateKmsKey", "ListTagsForResource", "TagResource");
    same("cloudwatch", "PutMetricAlarm", "DeleteAlarms", "DescribeAlarms", "ListTagsForResource", "TagResource",
        "GetMetricData");
    // API Gateway authorises by HTTP verb on the resource path, not by operation name.
    apiGateway("GET", "GetRestApis", "GetResources", "GetMethod", "GetStage", "GetDeployment");
    apiGateway("POST", "CreateRestApi", "CreateResource", "CreateDeployment", "CreateStage");
    apiGateway("PUT", "PutMethod", "PutIntegration", "TagResource");
    apiGateway("PATCH", "UpdateStage");
    apiGateway("DELETE", "DeleteMethod", "DeleteRestApi");
    // A stage with X-Ray tracing (CreateStage/UpdateStage) makes API Gateway create its service-linked role
    // AWSServiceRoleForAPIGateway (xray:PutTraceSegments...) in an account that has none yet, as the caller.
    // "Using service-linked roles for API Gateway",
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/using-service-linked-roles.html
    ACTIONS.put("iam:CreateServiceLinkedRole (CreateStage/UpdateStage with tracing)", "iam:CreateServiceLinkedRole");
    // One listing of the tags of the pipeline's alarms, log groups, queues and bucket per pass (OwnedResourceTags).
    same("tag", "GetResources");
    ACTIONS.put("sts:GetCallerIdentity", NONE);
    // spec.aws.roleArn: the operator assumes the pipeline's role in another account (docs/INSTALL.md).
    ACTIONS.put("sts:AssumeRole", "sts:AssumeRole");
  }

  private OperatorAwsOperations() {
  }

  /** Every "service:Operation" of the table (plus iam:PassRole) with its IAM action; "" for none needed. */
  public static Map<String, String> table() {
    return Map.copyOf(ACTIONS);
  }

  /**
   * The IAM action for an operation as the operator's AwsCallRecorder names it (service "S3", "Lambda",
   * "CloudWatch Logs"...); empty when the table does not know it.
   */
  public static Optional<String> actionFor(String sdkService, String operation) {
    return Optional.ofNullable(ACTIONS.get(prefix(sdkService) + ":" + operation));
  }

  static String prefix(String sdkService) {
    String s = sdkService.toLowerCase(java.util.Locale.ROOT).replace(" ", "");
    return switch (s) {
      case "cloudwatchlogs" -> "logs";
      case "apigateway" -> "apigateway";
      case "resourcegroupstaggingapi" -> "tag";
      default -> s;
    };
  }

  private static void s3(String operation, String action) {
    ACTIONS.put("s3:" + operation, action);
  }

  private static void same(String service, String... operations) {
    for (String operation : operations) {
      ACTIONS.put(service + ":" + operation, service + ":" + operation);
    }
  }

  private static void apiGateway(String verb, String... operations) {
    for (String operation : operations) {
      ACTIONS.put("apigateway:" + operation, "apigateway:" + verb);
    }
  }
}
