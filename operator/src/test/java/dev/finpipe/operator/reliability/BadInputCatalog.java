package dev.finpipe.operator.reliability;

import static dev.finpipe.operator.reliability.BadInput.invalidSpec;
import static dev.finpipe.operator.reliability.BadInput.rejected;
import static dev.finpipe.operator.reliability.BadInput.rejectedName;

import java.util.List;

/**
 * The catalog of bad FinancialPipelines. Cases already covered by {@code api/CrdAdmissionTest} are not
 * repeated here. Rows marked INVALID_SPEC are admitted by the CRD (its patterns cannot say it) and must be
 * refused by the operator before any AWS write.
 */
final class BadInputCatalog {
  private static final String SNS = "arn:aws:sns:us-east-1:123456789012:";

  private BadInputCatalog() {
  }

  static List<BadInput> rejectedAtAdmission() {
    return List.of(
        rejected("region in capitals", "{region: US-EAST-1}", "spec.region in body should match"),
        rejected("region zone zero", "{region: us-east-0}", "spec.region in body should match"),
        rejected("region of the wrong type", "{region: 42}", "spec.region in body must be of type string"),
        rejected("environment longer than 12", "{region: us-east-1, environment: abcdefghijklm}",
            "spec.environment in body should match"),
        rejected("empty environment", "{region: us-east-1, environment: ''}", "spec.environment in body should match"),
        rejected("bucket name of 64 chars", "{region: us-east-1, bucket: {name: " + "b".repeat(64) + "}}",
            "spec.bucket.name in body should match"),
        rejected("expiration above ten years", "{region: us-east-1, bucket: {processedExpirationDays: 3651}}",
            "should be less than or equal to 3650"),
        rejected("DLQ retention below SQS minimum", "{region: us-east-1, queues: {messageRetentionSeconds: 59}}",
            "should be greater than or equal to 60"),
        rejected("DLQ retention above SQS maximum", "{region: us-east-1, queues: {messageRetentionSeconds: 1209601}}",
            "should be less than or equal to 1209600"),
        rejected("memory above Lambda maximum", "{region: us-east-1, functions: {memoryMb: 10241}}",
            "should be less than or equal to 10240"),
        rejected("memory of the wrong type", "{region: us-east-1, functions: {memoryMb: lots}}",
            "spec.functions.memoryMb in body must be of type integer"),
        rejected("memory beyond int64", "{region: us-east-1, functions: {memoryMb: 99999999999999999999}}",
            "spec.functions.memoryMb in body must be of type integer"),
        rejected("processor timeout zero", "{region: us-east-1, functions: {processor: {timeoutSeconds: 0}}}",
            "spec.functions.processor.timeoutSeconds in body should be greater than or equal to 1"),
        rejected("three async retries", "{region: us-east-1, functions: {maximumRetryAttempts: 3}}",
            "should be less than or equal to 2"),
        rejected("code location without key", "{region: us-east-1, functions: {code: {s3Bucket: handlers}}}",
            "spec.functions.code.s3Key: Required value"),
        rejected("code key of 1 MiB", "{region: us-east-1, functions: {code: {s3Bucket: handlers, s3Key: "
            + "k".repeat(1 << 20) + "}}}", "spec.functions.code.s3Key: Too long"),
        rejected("stage name with a hyphen", "{region: us-east-1, api: {stageName: prod-1}}",
            "spec.api.stageName in body should match"),
        rejected("burst above API Gateway limit", "{region: us-east-1, api: {throttling: {burstLimit: 5001}}}",
            "should be less than or equal to 5000"),
        rejected("negative rate limit", "{region: us-east-1, api: {throttling: {rateLimit: -1}}}",
            "should be greater than or equal to 0"),
        rejected("threshold above 100 percent", "{region: us-east-1, alarms: {errorRateThresholdPercent: 101}}",
            "should be less than or equal to 100"),
        rejected("period longer than a day", "{region: us-east-1, alarms: {periodSeconds: 86460}}",
            "should be less than or equal to 86400"),
        rejected("zero evaluation periods", "{region: us-east-1, alarms: {evaluationPeriods: 0}}",
            "should be greater than or equal to 1"),
        rejected("datapoints above the default periods", "{region: us-east-1, alarms: {datapointsToAlarm: 3}}",
            "alarms.datapointsToAlarm must not exceed alarms.evaluationPeriods"),
        rejected("six alarm actions", "{region: us-east-1, alarms: {actions: [" + SNS + "a," + SNS + "b," + SNS
            + "c," + SNS + "d," + SNS + "e," + SNS + "f]}}", "must have at most 5 items"),
        rejected("alarm action that is a queue", "{region: us-east-1, alarms: {actions: ["
            + "'arn:aws:sqs:us-east-1:123456789012:q']}}", "spec.alarms.actions[0] in body should match"),
        rejected("alarm actions as a string", "{region: us-east-1, alarms: {actions: '" + SNS + "a'}}",
            "spec.alarms.actions in body must be of type array"),
        rejected("paused as a string", "{region: us-east-1, paused: 'yes'}", "spec.paused in body must be of type boolean"),
        rejected("endpoint without host", "{region: us-east-1, aws: {endpoint: 'http://'}}",
            "spec.aws.endpoint in body should match"),
        rejected("endpoint is a file URL", "{region: us-east-1, aws: {endpoint: 'file:///etc/passwd'}}",
            "spec.aws.endpoint in body should match"),
        rejected("endpoint is javascript", "{region: us-east-1, aws: {endpoint: 'javascript:alert(1)'}}",
            "spec.aws.endpoint in body should match"),
        rejected("endpoint longer than 253", "{region: us-east-1, aws: {endpoint: 'http://" + "h".repeat(250) + "'}}",
            "spec.aws.endpoint: Too long"),
        rejected("secret name with underscore", "{region: us-east-1, aws: {credentialsSecretRef: {name: Bad_Name}}}",
            "spec.aws.credentialsSecretRef.name in body should match"),
        rejectedName("metadata.name of 254 chars", "p".repeat(254), "must be no more than 253 characters"),
        rejectedName("metadata.name in capitals", "Payments", "a lowercase RFC 1123 subdomain"),
        rejected("isolated region", "{region: us-isob-east-1}", "spec.region in body should match"),
        rejected("tags as a list", "{region: us-east-1, tags: [team]}", "spec.tags in body must be of type object"),
        rejected("tag value of the wrong type", "{region: us-east-1, tags: {team: 42}}",
            "spec.tags.team in body must be of type string"),
        rejected("tag key with a newline", "{region: us-east-1, tags: {\"a\\nb\": v}}",
            "spec.tags keys may contain only letters"),
        rejected("tag value with a control character", "{region: us-east-1, tags: {team: \"a\\tb\"}}",
            "spec.tags values may contain only letters"),
        rejected("no spec at all", null, "spec: Required value"));
  }

  static List<BadInput> refusedByOperator() {
    return List.of(
        invalidSpec("bucket name with two adjacent periods", "{region: us-east-1, bucket: {name: 'a..b'}}",
            "must not contain two adjacent periods"),
        invalidSpec("bucket name like an IP address", "{region: us-east-1, bucket: {name: '192.168.10.1'}}",
            "must not be formatted as an IP address"),
        invalidSpec("bucket name with punycode prefix", "{region: us-east-1, bucket: {name: xn--payments}}",
            "must not start with 'xn--'"),
        invalidSpec("bucket name with reserved prefix", "{region: us-east-1, bucket: {name: sthree-payments}}",
            "must not start with 'sthree-'"),
        invalidSpec("bucket name with access point alias suffix", "{region: us-east-1, bucket: {name: pay-s3alias}}",
            "must not end with '-s3alias'"),
        invalidSpec("bucket name with object lambda suffix", "{region: us-east-1, bucket: {name: pay--ol-s3}}",
            "must not end with '--ol-s3'"),
        invalidSpec("KMS key in another region", "{region: us-east-1, bucket: {kmsKeyArn: "
            + "'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'}}",
            "kmsKeyArn is in region eu-west-1"),
        invalidSpec("KMS key in another account", "{region: us-east-1, bucket: {kmsKeyArn: "
            + "'arn:aws:kms:us-east-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab'}}",
            "belongs to account 210987654321"),
        invalidSpec("KMS key in the China partition", "{region: us-east-1, bucket: {kmsKeyArn: "
            + "'arn:aws-cn:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'}}",
            "is in partition aws-cn"),
        invalidSpec("alarm topic in another region", "{region: us-east-1, alarms: {actions: "
            + "['arn:aws:sns:eu-west-1:123456789012:alerts']}}", "SNS topic ARN is in region eu-west-1"),
        invalidSpec("endpoint port out of range", "{region: us-east-1, aws: {endpoint: 'http://127.0.0.1:99999'}}",
            "port 99999 is out of range"),
        invalidSpec("endpoint the administrator does not allow", "{region: us-east-1, aws: {endpoint: "
            + "'http://169.254.169.254'}}", "is not an endpoint the operator's administrator allows"),
        invalidSpec("endpoint not allowed even with a credentials Secret", "{region: us-east-1, aws: {endpoint: "
            + "'http://127.0.0.1:9', credentialsSecretRef: {name: creds}}}",
            "is not an endpoint the operator's administrator allows"),
        invalidSpec("KMS key the administrator does not allow", "{region: us-east-1, bucket: {kmsKeyArn: "
            + "'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'}}",
            "is not among the keys the operator's administrator allows"),
        invalidSpec("alarm topic of another account", "{region: us-east-1, alarms: {actions: "
            + "['arn:aws:sns:us-east-1:210987654321:alerts']}}", "allows only same-account topics"));
  }
}
