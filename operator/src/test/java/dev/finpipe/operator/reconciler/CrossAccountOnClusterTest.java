package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.AwsAccess;
import dev.finpipe.operator.api.CredentialsSecretRef;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.PipelineCondition;
import dev.finpipe.operator.api.ResourceStatus;
import dev.finpipe.operator.testing.AwsInventory;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A pipeline in a second account, reached through spec.aws.roleArn. The emulator keeps one state per account and
 * gives credentials of AssumeRole the account of the role's ARN; the AWS behaviour layer judges every request of
 * that assumed role by the policies the role holds in that account. The role there holds exactly
 * docs/operator-iam-policy.json and trusts the operator's account with an ExternalId, as docs/INSTALL.md says.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossAccountOnClusterTest {
  private static final String OPERATOR_ACCOUNT = Moto.ACCOUNT_ID;
  private static final String TARGET_ACCOUNT = "222222222222";
  private static final String ROLE_NAME = "finpipe-deployer";
  private static final String ROLE_ARN = "arn:aws:iam::" + TARGET_ACCOUNT + ":role/" + ROLE_NAME;
  private static final String EXTERNAL_ID = "finpipe-test-external-id";
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("xacct").withOperator("PT2S",
      "--allowed-assume-roles=arn:aws:iam::" + TARGET_ACCOUNT + ":role/finpipe-*");

  /** The target account's administrator installs the boundary and the deployer role (docs/INSTALL.md). */
  @BeforeAll
  static void installTheTargetAccountsRole() {
    try (IamClient iam = inAccount(IamClient.builder().region(Region.AWS_GLOBAL), TARGET_ACCOUNT)) {
      iam.createPolicy(p -> p.path("/finpipe/").policyName("FinancialPipelineFunctionBoundary")
          .policyDocument(doc("function-permissions-boundary.json")));
      iam.createRole(r -> r.roleName(ROLE_NAME).assumeRolePolicyDocument("""
          {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::%s:root"}, "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"sts:ExternalId": "%s"}}}]}""".formatted(OPERATOR_ACCOUNT, EXTERNAL_ID)));
      iam.putRolePolicy(p -> p.roleName(ROLE_NAME).policyName("financial-pipeline-operator")
          .policyDocument(doc("operator-iam-policy.json")));
    }
  }

  /** First, while the operator has made no request at all: a refused role costs none. */
  @Test
  @Order(1)
  void aRoleNotOnTheAllowListIsRefusedWithoutAnyAwsRequest() {
    String notAllowed = "arn:aws:iam::" + TARGET_ACCOUNT + ":role/admin";
    var fp = Pipelines.create(cluster.namespace(), "not-allowed", spec -> {
      spec.aws = new AwsAccess();
      spec.aws.roleArn = notAllowed;
    });

    var refused = Pipelines.awaitStatus(cluster.namespace(), "not-allowed",
        p -> Pipelines.condition(p, PipelineCondition.INVALID_SPEC).map(PipelineCondition::isTrue).orElse(false));

    assertThat(Pipelines.condition(refused, PipelineCondition.INVALID_SPEC).orElseThrow().message)
        .contains("spec.aws.roleArn " + notAllowed + " is not among the roles the operator's administrator allows")
        .contains("--allowed-assume-roles");
    assertThat(cluster.operator().runtime().awsCalls().requestsSent()).as("AWS requests of the operator").isEmpty();
    assertThat(AwsInventory.ownedBy(Moto.clients(), fp.getMetadata().getUid())).isEmpty();
    try (LambdaClient lambda = inAccount(LambdaClient.builder().region(Region.of(Moto.region())), TARGET_ACCOUNT)) {
      assertThat(lambda.listFunctions().functions()).isEmpty();
    }
  }

  @Test
  @Order(2)
  void aPipelineInTheSecondAccountIsReadyWithThatAccountInEveryArnAndItsResourcesThere() {
    var fp = Pipelines.create(cluster.namespace(), "other-account", spec -> {
      spec.aws = new AwsAccess();
      spec.aws.roleArn = ROLE_ARN;
      spec.aws.externalId = EXTERNAL_ID;
    });

    FinancialPipeline ready = Pipelines.awaitReady(cluster.namespace(), "other-account");

    List<String> accounts = ready.getStatus().resources.stream().map(r -> r.arn).filter(Objects::nonNull)
        .map(CrossAccountOnClusterTest::accountOf).filter(a -> !a.isEmpty()).distinct().toList();
    assertThat(accounts).as("accounts in the ARNs of status.resources").containsExactly(TARGET_ACCOUNT);
    assertThat(ready.getStatus().resources).extracting(r -> r.arn).filteredOn(Objects::nonNull)
        .noneMatch(arn -> arn.contains(OPERATOR_ACCOUNT));
    assertThat(AwsInventory.ownedBy(Moto.clients(), fp.getMetadata().getUid()))
        .as("resources of the pipeline in the operator's own account").isEmpty();
    assertExistInTargetAccount(ready);
    assertThat(cluster.operator().runtime().awsCalls().requestsSent()).containsKey("Sts:AssumeRole");
  }

  /**
   * With a credentials Secret, the Secret's identity assumes the role. An IAM user without sts:AssumeRole gets the
   * denial in the pipeline's status, naming the user; once the user may assume the role the pipeline converges.
   */
  @Test
  @Order(3)
  void theSecretsIdentityAssumesTheRoleAndADenialIsReportedUntilItMay() {
    String user = "pipeline-team";
    try (IamClient iam = inAccount(IamClient.builder().region(Region.AWS_GLOBAL), OPERATOR_ACCOUNT)) {
      iam.createUser(u -> u.userName(user));
      var key = iam.createAccessKey(k -> k.userName(user)).accessKey();
      TestGround.kubernetes().secrets().inNamespace(cluster.namespace()).resource(new SecretBuilder()
          .withNewMetadata().withName("team-aws").addToLabels(AwsAccessResolver.CREDENTIALS_LABEL, "true")
          .endMetadata().addToStringData("accessKeyId", key.accessKeyId())
          .addToStringData("secretAccessKey", key.secretAccessKey()).build()).create();
      Pipelines.create(cluster.namespace(), "via-secret", spec -> {
        spec.aws = new AwsAccess();
        spec.aws.credentialsSecretRef = new CredentialsSecretRef();
        spec.aws.credentialsSecretRef.name = "team-aws";
        spec.aws.roleArn = ROLE_ARN;
        spec.aws.externalId = EXTERNAL_ID;
      });

      var denied = Pipelines.awaitStatus(cluster.namespace(), "via-secret", p -> Pipelines.condition(p,
          PipelineCondition.READY).map(c -> c.message != null && c.message.contains("sts:AssumeRole")).orElse(false));
      assertThat(Pipelines.condition(denied, PipelineCondition.READY).orElseThrow().message)
          .contains("STS AssumeRole of " + ROLE_ARN + " (spec.aws.roleArn) failed: AccessDenied")
          .contains("user/" + user);

      iam.putUserPolicy(p -> p.userName(user).policyName("assume-deployer").policyDocument("""
          {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
            "Resource": "%s"}]}""".formatted(ROLE_ARN)));
      FinancialPipeline ready = Pipelines.awaitReady(cluster.namespace(), "via-secret");
      assertThat(ready.getStatus().resources).extracting(r -> r.arn).filteredOn(Objects::nonNull)
          .noneMatch(arn -> arn.contains(OPERATOR_ACCOUNT));
    }
  }

  /** The bucket, the functions, the roles and the queues of the status are found in the target account. */
  private static void assertExistInTargetAccount(FinancialPipeline ready) {
    Region region = Region.of(Moto.region());
    try (S3Client s3 = inAccount(S3Client.builder().region(region).forcePathStyle(true), TARGET_ACCOUNT);
         LambdaClient lambda = inAccount(LambdaClient.builder().region(region), TARGET_ACCOUNT);
         IamClient iam = inAccount(IamClient.builder().region(Region.AWS_GLOBAL), TARGET_ACCOUNT);
         SqsClient sqs = inAccount(SqsClient.builder().region(region), TARGET_ACCOUNT)) {
      var buckets = s3.listBuckets().buckets().stream().map(b -> b.name()).toList();
      var functions = lambda.listFunctions().functions().stream().map(f -> f.functionArn()).toList();
      var roles = iam.listRoles().roles().stream().map(r -> r.arn()).toList();
      var queues = sqs.listQueues().queueUrls();
      for (ResourceStatus r : ready.getStatus().resources) {
        if (r.arn == null) {
          continue;
        }
        switch (r.arn.split(":")[2]) {
          case "s3" -> assertThat(buckets).as(r.arn).contains(r.arn.substring("arn:aws:s3:::".length()));
          case "lambda" -> assertThat(functions).as(r.arn).contains(r.arn.split(":").length > 7
              ? r.arn.substring(0, r.arn.lastIndexOf(':')) : r.arn);
          case "iam" -> assertThat(roles).as(r.arn).contains(r.arn);
          case "sqs" -> assertThat(queues).as(r.arn).anyMatch(u -> u.endsWith("/" + TARGET_ACCOUNT + "/"
              + r.arn.substring(r.arn.lastIndexOf(':') + 1)));
          default -> {
            // API Gateway, CloudWatch and Logs: their ARNs carry the account (checked above)
          }
        }
      }
    }
  }

  /** The account part of an ARN (empty for S3 buckets and API Gateway, whose ARNs have none). */
  private static String accountOf(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length > 4 ? parts[4] : "";
  }

  /** A client of the emulator's admin acting in {@code account} (moto's x-moto-account-id header). */
  private static <B extends AwsClientBuilder<B, C>, C> C inAccount(B builder, String account) {
    return builder.endpointOverride(Moto.endpoint())
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .overrideConfiguration(ClientOverrideConfiguration.builder().putHeader("x-moto-account-id", account).build())
        .build();
  }

  private static String doc(String name) {
    try {
      return Files.readString(Path.of("..", "docs", name));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
