package dev.finpipe.operator.behaviour;

import static dev.finpipe.operator.testing.LambdaTestSupport.dlqArn;
import static dev.finpipe.operator.testing.LambdaTestSupport.function;
import static dev.finpipe.operator.testing.LambdaTestSupport.role;
import static dev.finpipe.operator.testing.LambdaTestSupport.suffix;
import static dev.finpipe.operator.testing.LambdaTestSupport.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.aws.Plan;
import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.function.DesiredFunction;
import dev.finpipe.operator.aws.function.FunctionManager;
import dev.finpipe.operator.aws.function.ObservedFunction;
import dev.finpipe.operator.aws.notification.DesiredNotification;
import dev.finpipe.operator.aws.notification.NotificationManager;
import dev.finpipe.operator.support.AwsErrors;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.testing.AwsBehaviour;
import dev.finpipe.operator.testing.LambdaTestSupport;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.Requeue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.TooManyRequestsException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;

/**
 * Each rule of the AWS behaviour layer (e2e/testenv/lib/aws-behaviour.py) fires, counted by its stats, and the
 * operator's managers cope the way they would with AWS: the injected answers are retryable, and the manager's
 * own waits (Lambda's states) avoid the conflicts altogether.
 */
class AwsBehaviourRulesTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private final AwsClients aws = AwsBehaviour.clients();
  private final Ownership owner = LambdaTestSupport.owner();
  private Map<String, Long> before;

  @BeforeEach
  void resetTheLayer() {
    AwsBehaviour.reset(); // moto and the layer's memory; timings back to the environment's
    AwsBehaviour.useAwsLikeTimings();
    before = AwsBehaviour.stats();
  }

  @AfterEach
  void restoreTimings(org.junit.jupiter.api.TestInfo test) {
    Map<String, Long> injected = new java.util.TreeMap<>();
    AwsBehaviour.stats().forEach((rule, n) -> injected.put(rule, n - before.getOrDefault(rule, 0L)));
    System.out.printf("%s injected %s%n", test.getDisplayName(), injected);
    AwsBehaviour.reset();
  }

  /** Calls {@code action} as the reconcile would, again after each retryable failure; returns their messages. */
  private static List<String> retriedUntilDone(Supplier<?> action, List<String> reasons) {
    List<String> messages = new ArrayList<>();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      try {
        action.get();
        return messages;
      } catch (RetryableException e) {
        messages.add(e.getMessage());
        reasons.add(e.reason());
        assertThat(System.nanoTime()).as("still failing after %s: %s", PATIENCE, messages).isLessThan(deadline);
        Requeue.pause();
      }
    }
  }

  @Test
  void aFunctionNamingANewRoleIsRefusedUntilTheRoleHasPropagatedAndTheManagerRetriesThrough() {
    String name = "fp-iam-" + suffix();
    String roleArn = role(aws, "role-" + name); // CreateRole through the layer: the role is new
    DesiredFunction desired = function(name, roleArn, zip(name), 512, dlqArn("dlq-" + name), owner.tags());
    FunctionManager manager = new FunctionManager(aws);
    List<String> reasons = new ArrayList<>();

    List<String> refusals = retriedUntilDone(() -> manager.create(desired), reasons);

    assertThat(reasons).isNotEmpty().containsOnly("AwsPropagation");
    assertThat(refusals).anySatisfy(m -> assertThat(m)
        .contains("InvalidParameterValueException: The role defined for the function cannot be assumed by Lambda."));
    assertThat(refusals).as("with a dead-letter queue, the next try is refused for the queue grant")
        .anySatisfy(m -> assertThat(m)
            .contains("The provided execution role does not have permissions to call SendMessage on SQS"));
    assertThat(AwsBehaviour.injectedSince(before, AwsBehaviour.IAM_PROPAGATION)).isEqualTo(refusals.size());
    assertThat(manager.observe(desired).orElseThrow().configuration().stateAsString()).isEqualTo("Active");
  }

  @Test
  void aNewOrUpdatedFunctionIsPendingOrInProgressAndTheManagerWaitsInsteadOfConflicting() {
    AwsBehaviour.configure(Map.of("iam_seconds", 0));
    String name = "fp-state-" + suffix();
    DesiredFunction desired = function(name, role(aws, "role-" + name), zip(name), 512, null, owner.tags());
    FunctionManager manager = new FunctionManager(aws);

    manager.create(desired); // waits through Pending until Active
    assertThat(AwsBehaviour.injectedSince(before, AwsBehaviour.LAMBDA_PENDING)).isPositive();

    // Two updates back to back, as a careless client would: Lambda refuses the second one.
    aws.lambda().updateFunctionConfiguration(r -> r.functionName(name).memorySize(1024));
    assertThat(aws.lambda().getFunction(r -> r.functionName(name)).configuration().lastUpdateStatusAsString())
        .isEqualTo("InProgress");
    assertThatThrownBy(() -> aws.lambda().updateFunctionConfiguration(r -> r.functionName(name).timeout(20)))
        .isInstanceOfSatisfying(ResourceConflictException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(409);
          assertThat(e.awsErrorDetails().errorMessage()).startsWith("The operation cannot be performed at this time. "
              + "An update is in progress for resource: arn:aws:lambda:");
          assertThat(AwsErrors.classify("UpdateFunctionConfiguration", e)).isInstanceOf(RetryableException.class);
        });
    assertThat(AwsBehaviour.injectedSince(before, AwsBehaviour.LAMBDA_CONFLICT)).isEqualTo(1);

    // The manager corrects the memory drift while the first update is still in progress: it waits first.
    ObservedFunction observed = manager.observe(desired).orElseThrow();
    var drift = manager.diff(desired, observed);
    assertThat(drift).isNotEmpty();
    manager.apply(desired, new Plan<>(java.util.Optional.of(observed), drift));

    assertThat(AwsBehaviour.injectedSince(before, AwsBehaviour.LAMBDA_CONFLICT)).as("the manager never conflicts")
        .isEqualTo(1);
    assertThat(AwsBehaviour.injectedSince(before, AwsBehaviour.LAMBDA_IN_PROGRESS)).isGreaterThanOrEqualTo(2);
    var config = manager.observe(desired).orElseThrow().configuration();
    assertThat(config.memorySize()).isEqualTo(512);
    assertThat(config.lastUpdateStatusAsString()).isEqualTo("Successful");
  }

  @Test
  void aNotificationIsRefusedUntilTheInvokePermissionIsValidatedAndTheManagerRetriesThrough() {
    AwsBehaviour.configure(Map.of("iam_seconds", 0));
    String name = "fp-s3-" + suffix();
    String bucket = "fp-s3-bucket-" + suffix();
    aws.s3().createBucket(b -> b.bucket(bucket));
    String functionArn = new FunctionManager(aws).create(function(name, role(aws, "role-" + name), zip(name), 512,
        null, owner.tags())).functionArn();
    aws.lambda().addPermission(p -> p.functionName(name).statementId("s3").action("lambda:InvokeFunction")
        .principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::" + bucket));
    NotificationManager manager = new NotificationManager(aws.s3());
    List<String> reasons = new ArrayList<>();

    List<String> refusals = retriedUntilDone(() -> manager.create(
        new DesiredNotification(bucket, "processor", functionArn, "incoming/", owner.tags())), reasons);

    assertThat(refusals).isNotEmpty().allSatisfy(m -> assertThat(m)
        .contains("InvalidArgument: Unable to validate the following destination configurations"));
    assertThat(reasons).containsOnly("AwsPropagation");
    assertThat(AwsBehaviour.injectedSince(before, AwsBehaviour.S3_DESTINATION)).isEqualTo(refusals.size());
    assertThat(aws.s3().getBucketNotificationConfiguration(b -> b.bucket(bucket)).lambdaFunctionConfigurations())
        .singleElement().satisfies(c -> assertThat(c.lambdaFunctionArn()).isEqualTo(functionArn));
  }

  @Test
  void apiGatewayControlPlaneQuotasThrottleAndTheScaleFactorLiftsThem() {
    AwsBehaviour.configure(Map.of("apigateway_scale", 1)); // AWS's own quotas: CreateRestApi 1 per 3 s
    try (ApiGatewayClient noRetries = ApiGatewayClient.builder().endpointOverride(AwsBehaviour.endpoint())
        .region(Region.of(Moto.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build()) {
      String first = noRetries.createRestApi(r -> r.name("quota-1")).id();
      assertThatThrownBy(() -> noRetries.createRestApi(r -> r.name("quota-2")))
          .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(429);
            assertThat(AwsErrors.classify("CreateRestApi", e)).isInstanceOfSatisfying(RetryableException.class,
                r -> assertThat(r.reason()).isEqualTo("Throttled"));
          });
      noRetries.deleteRestApi(r -> r.restApiId(first));
      long throttled = AwsBehaviour.injectedSince(before, AwsBehaviour.APIGATEWAY_QUOTA);
      assertThat(throttled).isEqualTo(1);

      // The operator's client retries the throttled create (and the reconcile would retry what is left).
      List<String> reasons = new ArrayList<>();
      long start = System.nanoTime();
      retriedUntilDone(() -> AwsCall.get("CreateRestApi quota-3",
          () -> aws.apiGatewayCreates().createRestApi(r -> r.name("quota-3"))), reasons);
      assertThat(reasons).containsOnly("Throttled");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for the next permit")
          .isGreaterThan(Duration.ofMillis(1500));

      AwsBehaviour.configure(Map.of("apigateway_scale", 1000)); // lifted, as the test ground does (150)
      long lifted = AwsBehaviour.injectedSince(before, AwsBehaviour.APIGATEWAY_QUOTA);
      for (int i = 0; i < 5; i++) {
        int n = i;
        noRetries.createRestApi(r -> r.name("lifted-" + n));
      }
      assertThat(AwsBehaviour.injectedSince(before, AwsBehaviour.APIGATEWAY_QUOTA)).isEqualTo(lifted);
    }
  }
}
