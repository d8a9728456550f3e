package dev.finpipe.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArnsTest {
  private static final Arns US = Arns.of("us-east-1", "123456789012");

  @ParameterizedTest
  @CsvSource({"us-east-1, aws", "eu-central-1, aws", "cn-north-1, aws-cn", "cn-northwest-1, aws-cn",
      "us-gov-west-1, aws-us-gov", "us-gov-east-1, aws-us-gov", "ap-southeast-2, aws", "ap-southeast-7, aws",
      "il-central-1, aws"})
  void partitionFollowsTheRegion(String region, String partition) {
    assertThat(Arns.partitionOf(region)).isEqualTo(partition);
    assertThat(Arns.of(region, "123456789012").bucket("b")).isEqualTo("arn:" + partition + ":s3:::b");
  }

  @ParameterizedTest
  @CsvSource({"us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "not-a-region", "US-EAST-1", "useast1",
      "us-east-0", "us-east-01", "ap-southeast-10", "us-east-1-", "' us-east-1'"})
  void unsupportedRegionsAreRefused(String region) {
    assertThatThrownBy(() -> Arns.of(region, "123456789012")).isInstanceOf(IllegalArgumentException.class);
  }

  /** The CRD admits spec.region with the pattern the ARNs and the bucket name check. */
  @Test
  void theCrdAdmitsExactlyTheRegionsOfTheArns() throws NoSuchFieldException {
    var pattern = dev.finpipe.operator.api.FinancialPipelineSpec.class.getField("region")
        .getAnnotation(io.fabric8.generator.annotation.Pattern.class);
    assertThat(pattern.value()).isEqualTo(Arns.REGION_PATTERN);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "bucket      | arn:aws:s3:::data",
      "objects     | arn:aws:s3:::data/incoming/*",
      "function    | arn:aws:lambda:us-east-1:123456789012:function:fn",
      "queue       | arn:aws:sqs:us-east-1:123456789012:q",
      "logGroup    | arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn",
      "logStreams  | arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*",
      "role        | arn:aws:iam::123456789012:role/finpipe/r",
      "policy      | arn:aws:iam::123456789012:policy/finpipe/boundary",
      "policyArn   | arn:aws:iam::123456789012:policy/other",
      "alarm       | arn:aws:cloudwatch:us-east-1:123456789012:alarm:a",
      "executeApi  | arn:aws:execute-api:us-east-1:123456789012:abc123",
      "integration | arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:fn/invocations",
      "url         | https://abc123.execute-api.us-east-1.amazonaws.com/prod"})
  void arnsOfEachKind(String kind, String expected) {
    String actual = switch (kind) {
      case "bucket" -> US.bucket("data");
      case "objects" -> US.objects("data", "incoming/");
      case "function" -> US.function("fn");
      case "queue" -> US.queue("q");
      case "logGroup" -> US.logGroup("/aws/lambda/fn");
      case "logStreams" -> US.logStreams("/aws/lambda/fn");
      case "role" -> US.role("/finpipe/", "r");
      case "policy" -> US.managedPolicy("finpipe/boundary");
      case "policyArn" -> US.managedPolicy("arn:aws:iam::123456789012:policy/other");
      case "alarm" -> US.alarm("a");
      case "executeApi" -> US.executeApi("abc123");
      case "integration" -> US.lambdaIntegrationUri(US.function("fn"));
      case "url" -> US.apiUrl("abc123", "prod");
      default -> throw new IllegalArgumentException(kind);
    };
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
      "prod, GET, /status/{jobId}, arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/status/*",
      "prod, get, results/{jobId}, arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/results/*",
      "v1, POST, /upload, arn:aws:execute-api:us-east-1:123456789012:abc123/v1/POST/upload",
      "v1, ANY, /a/{b}/c/{d}, arn:aws:execute-api:us-east-1:123456789012:abc123/v1/*/a/*/c/*"})
  void routeSourceArnHasStageMethodAndWildcardedPathParameters(String stage, String method, String path,
                                                               String expected) {
    assertThat(US.routeSource("abc123", stage, method, path)).isEqualTo(expected);
  }

  @Test
  void chinaUsesItsOwnPartitionAndDomain() {
    Arns cn = Arns.of("cn-north-1", "123456789012");
    assertThat(cn.apiUrl("abc", "prod")).isEqualTo("https://abc.execute-api.cn-north-1.amazonaws.com.cn/prod");
    assertThat(cn.lambdaIntegrationUri(cn.function("f"))).isEqualTo(
        "arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/"
            + "arn:aws-cn:lambda:cn-north-1:123456789012:function:f/invocations");
  }

  /** Every API Gateway ARN and URL in each partition (China's domain is amazonaws.com.cn). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "us-east-1     | restApi     | arn:aws:apigateway:us-east-1::/restapis/abc",
      "cn-north-1    | restApi     | arn:aws-cn:apigateway:cn-north-1::/restapis/abc",
      "us-gov-west-1 | restApi     | arn:aws-us-gov:apigateway:us-gov-west-1::/restapis/abc",
      "us-east-1     | executeApi  | arn:aws:execute-api:us-east-1:123456789012:abc",
      "cn-north-1    | executeApi  | arn:aws-cn:execute-api:cn-north-1:123456789012:abc",
      "us-gov-west-1 | executeApi  | arn:aws-us-gov:execute-api:us-gov-west-1:123456789012:abc",
      "us-east-1     | url         | https://abc.execute-api.us-east-1.amazonaws.com/prod",
      "cn-north-1    | url         | https://abc.execute-api.cn-north-1.amazonaws.com.cn/prod",
      "us-gov-west-1 | url         | https://abc.execute-api.us-gov-west-1.amazonaws.com/prod",
      "us-gov-west-1 | integration | arn:aws-us-gov:apigateway:us-gov-west-1:lambda:path/2015-03-31/functions/"
          + "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:fn/invocations",
      "cn-north-1    | routeSource | arn:aws-cn:execute-api:cn-north-1:123456789012:abc/prod/GET/status/*"})
  void apiGatewayArnsAndUrlsFollowThePartition(String region, String kind, String expected) {
    Arns arns = Arns.of(region, "123456789012");
    String actual = switch (kind) {
      case "restApi" -> arns.restApi("abc");
      case "executeApi" -> arns.executeApi("abc");
      case "url" -> arns.apiUrl("abc", "prod");
      case "integration" -> arns.lambdaIntegrationUri(arns.function("fn"));
      case "routeSource" -> arns.routeSource("abc", "prod", "GET", "/status/{id}");
      default -> throw new IllegalArgumentException(kind);
    };
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab |",
      "arn:aws:kms:us-east-1:123456789012:key/mrk-1234abcd12ab34cd56ef1234567890ab |",
      "arn:aws:kms:us-east-1:123456789012:alias/my-key | not an alias",
      "1234abcd-12ab-34cd-56ef-1234567890ab | not a KMS key ARN",
      "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab | region eu-west-1",
      "arn:aws-cn:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab | partition aws-cn",
      "arn:aws:kms:us-east-1:210987654321:key/1234abcd-12ab-34cd-56ef-1234567890ab | account 210987654321",
      "'' | empty"})
  void kmsKeyArnsAreValidatedWithAClearMessage(String arn, String problem) {
    if (problem == null) {
      assertThat(US.kmsKeyArnProblem(arn)).isEmpty();
    } else {
      assertThat(US.kmsKeyArnProblem(arn)).hasValueSatisfying(m -> assertThat(m).contains(problem));
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "arn:aws:sns:us-east-1:123456789012:alerts |",
      "arn:aws:sns:us-east-1:210987654321:shared-alerts.fifo |",
      "arn:aws:sqs:us-east-1:123456789012:alerts | not an SNS topic ARN",
      "arn:aws:sns:us-west-2:123456789012:alerts | region us-west-2"})
  void snsTopicArnsAreValidatedWithAClearMessage(String arn, String problem) {
    if (problem == null) {
      assertThat(US.snsTopicArnProblem(arn)).isEmpty();
    } else {
      assertThat(US.snsTopicArnProblem(arn)).hasValueSatisfying(m -> assertThat(m).contains(problem));
    }
  }
}
