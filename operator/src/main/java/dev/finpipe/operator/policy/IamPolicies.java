package dev.finpipe.operator.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finpipe.operator.policy.PipelineFunction.Prefix;
import dev.finpipe.operator.support.Required;
import java.util.List;
import java.util.Optional;

/**
 * The IAM documents of the pipeline's functions, built as Jackson trees from real ARNs. Least privilege:
 * every function gets only its own log group, its own dead-letter queue, the S3 prefixes it touches (plus
 * listing of its own bucket for functions that read, see below) and, when a customer key is configured,
 * that key. The one {@code Resource: "*"} is X-Ray's, which has no
 * resource-level permissions for these actions.
 */
public final class IamPolicies {
  public static final String VERSION = "2012-10-17";
  /** The name of the one inline policy every function role carries. */
  public static final String FUNCTION_POLICY_NAME = "finpipe-function-access";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private IamPolicies() {
  }

  /**
   * What one function's policy is built from. {@code kmsKeyArn}: the customer key of the bucket and queues,
   * when one is configured (with AWS managed keys no KMS permission is needed).
   */
  public record FunctionAccess(PipelineFunction function, Arns arns, String bucketName, String logGroupName,
                               String deadLetterQueueArn, Optional<String> kmsKeyArn) {
    public FunctionAccess {
      Required.present("function", function, "arns", arns, "bucketName", bucketName, "logGroupName", logGroupName,
          "deadLetterQueueArn", deadLetterQueueArn, "kmsKeyArn", kmsKeyArn);
    }
  }

  /** Lets the Lambda service assume the role, nothing else. */
  public static ObjectNode lambdaTrustPolicy() {
    ObjectNode statement = JSON.objectNode();
    statement.put("Effect", "Allow");
    statement.putObject("Principal").put("Service", "lambda.amazonaws.com");
    statement.put("Action", "sts:AssumeRole");
    return document(List.of(statement));
  }

  /** The one inline policy of a function's role. Statement order is stable (it is compared parsed). */
  public static ObjectNode functionPolicy(FunctionAccess access) {
    PipelineFunction fn = access.function();
    Arns arns = access.arns();
    List<ObjectNode> statements = new java.util.ArrayList<>();
    // The operator creates the log group, so the function needs no logs:CreateLogGroup.
    statements.add(allow("WriteOwnLogs", List.of("logs:CreateLogStream", "logs:PutLogEvents"),
        List.of(arns.logGroup(access.logGroupName()), arns.logStreams(access.logGroupName()))));
    statements.add(allow("WriteTraces", List.of("xray:PutTraceSegments", "xray:PutTelemetryRecords"),
        List.of("*")));
    s3Statement("ReadObjects", "s3:GetObject", fn.reads(), access).ifPresent(statements::add);
    if (!fn.reads().isEmpty()) {
      // Without s3:ListBucket S3 answers 403 instead of 404 for a missing key, and the handlers read
      // "absent" (unknown job, file already moved) from that 404. A prefix condition would not help: the
      // implicit check carries no s3:prefix. Cost: key names (never contents) of this one bucket are listable.
      statements.add(allow("TellMissingObjects", List.of("s3:ListBucket"),
          List.of(arns.bucket(access.bucketName()))));
    }
    s3Statement("WriteObjects", "s3:PutObject", fn.writes(), access).ifPresent(statements::add);
    s3Statement("DeleteObjects", "s3:DeleteObject", fn.deletes(), access).ifPresent(statements::add);
    statements.add(allow("SendToOwnDeadLetterQueue", List.of("sqs:SendMessage"),
        List.of(access.deadLetterQueueArn())));
    access.kmsKeyArn().ifPresent(key -> statements.add(
        allow("UseCustomerKey", List.of("kms:GenerateDataKey", "kms:Decrypt"), List.of(key))));
    return document(statements);
  }

  private static Optional<ObjectNode> s3Statement(String sid, String action, List<Prefix> prefixes,
                                                  FunctionAccess access) {
    if (prefixes.isEmpty()) {
      return Optional.empty();
    }
    List<String> resources = prefixes.stream()
        .map(p -> access.arns().objects(access.bucketName(), p.value())).toList();
    return Optional.of(allow(sid, List.of(action), resources));
  }

  private static ObjectNode allow(String sid, List<String> actions, List<String> resources) {
    ObjectNode statement = JSON.objectNode();
    statement.put("Sid", sid);
    statement.put("Effect", "Allow");
    ArrayNode action = statement.putArray("Action");
    actions.forEach(action::add);
    ArrayNode resource = statement.putArray("Resource");
    resources.forEach(resource::add);
    return statement;
  }

  private static ObjectNode document(List<ObjectNode> statements) {
    ObjectNode doc = JSON.objectNode();
    doc.put("Version", VERSION);
    doc.putArray("Statement").addAll(statements);
    return doc;
  }
}
