package dev.finpipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The operator's AWS identity (an IAM user whose only policy is docs/operator-iam-policy.json) through the behaviour
 * layer's IAM enforcement: what the policy does not grant is denied as IAM denies it, and the denials are counted.
 * That the policy suffices for a pipeline's whole life is {@link PipelineLifecycleE2eTest}'s part.
 */
@Order(3)
class OperatorIdentityE2eTest {
  private static final String ACCOUNT = "123456789012";
  private static AwsIdentities.Keys operator;
  private static IamClient iam;
  private static S3Client s3;
  private static LambdaClient lambda;
  private static ApiGatewayClient apiGateway;
  private static final String BOUNDARY =
      "arn:aws:iam::" + ACCOUNT + ":policy/finpipe/FinancialPipelineFunctionBoundary";
  private static final String LAMBDA_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private static String probe;

  @BeforeAll
  static void clients() {
    operator = AwsIdentities.operator();
    URI endpoint = URI.create(E2eEnvironment.behaviourEndpoint());
    Region region = Region.of(E2eEnvironment.awsRegion());
    iam = IamClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL)
        .credentialsProvider(operator.provider()).build();
    s3 = S3Client.builder().endpointOverride(endpoint).region(region).forcePathStyle(true)
        .credentialsProvider(operator.provider()).build();
    lambda = LambdaClient.builder().endpointOverride(endpoint).region(region)
        .credentialsProvider(operator.provider()).build();
    apiGateway = ApiGatewayClient.builder().endpointOverride(endpoint).region(region)
        .credentialsProvider(operator.provider()).build();
    probe = "iamprobe-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterAll
  static void close() {
    iam.close();
    s3.close();
    lambda.close();
    apiGateway.close();
  }

  @Test
  void aRoleNotNamedFpIsDenied() {
    String role = "not-a-pipeline-" + probe;
    AwsServiceException denied = assertThrows(AwsServiceException.class, () -> iam.createRole(b -> b.roleName(role)
        .assumeRolePolicyDocument("{\"Version\":\"2012-10-17\",\"Statement\":[]}")));
    assertDenied(denied, 403, "AccessDenied", "iam:CreateRole", "arn:aws:iam::" + ACCOUNT + ":role/" + role);
  }

  @Test
  void aBucketNotNamedFpIsDeniedAndAPipelineBucketAllowed() {
    AwsServiceException denied = assertThrows(AwsServiceException.class, () -> s3.createBucket(b -> b.bucket(probe)));
    assertDenied(denied, 403, "AccessDenied", "s3:CreateBucket", "arn:aws:s3:::" + probe);
    // The same credentials, within the policy: allowed (the denial is the policy's, not a broken key).
    s3.createBucket(b -> b.bucket("fp-" + probe));
    s3.deleteBucket(b -> b.bucket("fp-" + probe));
  }

  @Test
  void invokingAPipelineFunctionIsDenied() {
    String function = "fp_" + probe.replace('-', '_');
    AwsServiceException denied = assertThrows(AwsServiceException.class, () -> lambda.invoke(b -> b
        .functionName(function).payload(SdkBytes.fromUtf8String("{}"))));
    assertDenied(denied, 403, "AccessDeniedException", "lambda:InvokeFunction",
        "arn:aws:lambda:" + E2eEnvironment.awsRegion() + ":" + ACCOUNT + ":function:" + function);
  }

  @Test
  void aRestApiWithoutTheOperatorsTagIsDenied() {
    AwsServiceException denied = assertThrows(AwsServiceException.class,
        () -> apiGateway.createRestApi(b -> b.name(probe)));
    assertDenied(denied, 403, "AccessDeniedException", "apigateway:POST",
        "arn:aws:apigateway:" + E2eEnvironment.awsRegion() + "::/restapis");
  }

  @Test
  void aPipelineRoleWithoutTheBoundaryIsDenied() {
    String role = "fp_" + probe.replace('-', '_');
    AwsServiceException denied = assertThrows(AwsServiceException.class, () -> iam.createRole(b -> b.roleName(role)
        .path("/finpipe/").assumeRolePolicyDocument(LAMBDA_TRUST)));
    assertDenied(denied, 403, "AccessDenied", "iam:CreateRole",
        "arn:aws:iam::" + ACCOUNT + ":role/finpipe/" + role);
  }

  @Test
  void aBoundedRoleKeepsItsBoundaryAndGetsNoManagedPolicy() {
    String role = "fp_b_" + probe.replace('-', '_');
    String arn = "arn:aws:iam::" + ACCOUNT + ":role/finpipe/" + role;
    iam.createRole(b -> b.roleName(role).path("/finpipe/").assumeRolePolicyDocument(LAMBDA_TRUST)
        .permissionsBoundary(BOUNDARY));
    try {
      AwsServiceException removal = assertThrows(AwsServiceException.class,
          () -> iam.deleteRolePermissionsBoundary(b -> b.roleName(role)));
      assertThat(removal.statusCode()).isEqualTo(403);
      assertThat(removal.awsErrorDetails().errorMessage()).isEqualTo("User: " + operator.principal()
          + " is not authorized to perform: iam:DeleteRolePermissionsBoundary on resource: " + arn
          + " with an explicit deny in an identity-based policy");
      AwsServiceException attach = assertThrows(AwsServiceException.class, () -> iam.attachRolePolicy(b -> b
          .roleName(role).policyArn("arn:aws:iam::aws:policy/AdministratorAccess")));
      assertDenied(attach, 403, "AccessDenied", "iam:AttachRolePolicy", arn);
    } finally {
      iam.deleteRole(b -> b.roleName(role));
    }
  }

  @Test
  void grantingInvokeToAnyoneIsDenied() {
    String function = "fp_" + probe.replace('-', '_');
    AwsServiceException denied = assertThrows(AwsServiceException.class, () -> lambda.addPermission(b -> b
        .functionName(function).statementId("anyone").action("lambda:InvokeFunction").principal("*")));
    assertDenied(denied, 403, "AccessDeniedException", "lambda:AddPermission",
        "arn:aws:lambda:" + E2eEnvironment.awsRegion() + ":" + ACCOUNT + ":function:" + function);
  }

  @Test
  void denialsAreCountedByTheLayer() {
    long before = BehaviourLayer.stat("iam-enforcement");
    assertThrows(AwsServiceException.class, () -> s3.getBucketPolicy(b -> b.bucket(probe)));
    assertThat(BehaviourLayer.stat("iam-enforcement")).isGreaterThanOrEqualTo(before + 1);
  }

  private static void assertDenied(AwsServiceException e, int status, String code, String action, String resource) {
    assertThat(e.statusCode()).as("HTTP status of %s", e).isEqualTo(status);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: " + operator.principal()
        + " is not authorized to perform: " + action + " on resource: " + resource
        + " because no identity-based policy allows the " + action + " action");
  }
}
