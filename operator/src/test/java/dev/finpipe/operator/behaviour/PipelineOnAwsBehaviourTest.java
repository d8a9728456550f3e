package dev.finpipe.operator.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.policy.PipelineFunction;
import dev.finpipe.operator.reconciler.ComponentResult;
import dev.finpipe.operator.reconciler.PipelineContext;
import dev.finpipe.operator.reconciler.PipelineConverger;
import dev.finpipe.operator.testing.AwsBehaviour;
import dev.finpipe.operator.testing.AwsInventory;
import dev.finpipe.operator.testing.DetachedPipelines;
import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.Requeue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.TooManyRequestsException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;

/**
 * The whole pipeline of PipelineConvergerTest through the AWS behaviour layer at AWS-like timings (API Gateway at
 * AWS's own quotas, request validation on): the passes the reconciler would run (one after another, as requeues)
 * reach Ready without any component ever Failed while every rule refuses or delays calls on the way — IAM
 * propagation, Lambda's Pending state, API Gateway's CreateRestApi quota (another client of the account keeps
 * using it), then, on changes made behind the operator's back, Lambda's InProgress state and the conflict it
 * causes to a careless writer, and S3's destination validation of a re-added invoke permission. The operator's own requests are all valid
 * (request validation injects nothing) and it never conflicts. Deletion then leaves nothing behind.
 */
class PipelineOnAwsBehaviourTest {
  private static final Duration PATIENCE = Duration.ofSeconds(180);
  private static AwsClients aws;
  private static PipelineConverger converger;

  @BeforeAll
  static void start() {
    AwsBehaviour.reset();
    AwsBehaviour.useAwsLikeTimings();
    // IAM and S3 give no figure for how long a change takes to be usable ("eventually consistent"). S3: 5 s
    // instead of 1; IAM: 60 s until the first refusal, then 2 s (see the test), so that the operator meets both
    // however slow the machine running this test is.
    AwsBehaviour.configure(Map.of("apigateway_scale", 1, "validation", 1, "iam_seconds", 60,
        "s3_destination_seconds", 5));
    aws = AwsBehaviour.clients();
    converger = new PipelineConverger(8);
  }

  @AfterAll
  static void stop() {
    converger.close();
    AwsBehaviour.reset();
  }

  @Test
  void thePipelineBecomesReadyThroughEveryRuleAndIsDeletedWithoutEverFailing() {
    FinancialPipeline fp = DetachedPipelines.inNewNamespace("behaviour");
    PipelineContext ctx = PipelineContext.of(fp, aws, Moto.ACCOUNT_ID);
    Map<String, Long> before = AwsBehaviour.stats();
    int passes;
    long operatorThrottled;
    // Meanwhile another client of the account keeps creating REST APIs, spending the quota's 1 CreateRestApi
    // per 3 s, until the operator has been throttled too.
    try (BusyAccount busy = new BusyAccount(before);
         AwsLikeOnceFired iam = new AwsLikeOnceFired(before, AwsBehaviour.IAM_PROPAGATION, "iam_seconds")) {
      passes = convergeUntilReady(ctx, "create");
      operatorThrottled = busy.stop();
    }

    Map<String, Long> created = injectedSince(before);
    System.out.printf("Ready after %d passes; injected %s (the operator throttled %d times)%n", passes, created,
        operatorThrottled);
    assertThat(created.get(AwsBehaviour.IAM_PROPAGATION)).as("IAM propagation refusals").isPositive();
    assertThat(created.get(AwsBehaviour.LAMBDA_PENDING)).as("Pending functions seen by the waiter").isPositive();
    assertThat(operatorThrottled).as("the operator's API Gateway calls throttled").isPositive();
    // How many passes that took depends on the machine: the refusals are waited out inside a pass
    // (PropagationInPassTest), and a pass that still meets one is followed by another.

    // Behind the operator's back, a careless writer changes a function twice in a row: its second write conflicts.
    String upload = ctx.identity().names().function(PipelineFunction.UPLOAD);
    Map<String, Long> beforeDrift = AwsBehaviour.stats();
    aws.lambda().updateFunctionConfiguration(r -> r.functionName(upload).memorySize(1024));
    assertThatThrownBy(() -> aws.lambda().updateFunctionConfiguration(r -> r.functionName(upload).timeout(20)))
        .isInstanceOf(ResourceConflictException.class);

    assertThat(injectedSince(beforeDrift).get(AwsBehaviour.LAMBDA_CONFLICT)).isEqualTo(1);
    Map<String, Long> beforeOperator = AwsBehaviour.stats();

    convergeUntilReady(ctx, "drift");

    Map<String, Long> drifted = injectedSince(beforeOperator);
    System.out.printf("drift corrected; injected %s%n", drifted);
    assertThat(drifted.get(AwsBehaviour.LAMBDA_IN_PROGRESS)).as("InProgress seen by the operator").isPositive();
    assertThat(drifted.get(AwsBehaviour.LAMBDA_CONFLICT)).as("the operator never conflicts").isZero();
    assertThat(aws.lambda().getFunctionConfiguration(r -> r.functionName(upload)).memorySize()).isEqualTo(512);
    assertThat(injectedSince(before).get(AwsBehaviour.REQUEST_VALIDATION)).as("the operator's requests are valid")
        .isZero();

    // Someone removes the bucket notification and the processor's S3 invoke permission: the operator adds the
    // permission again and S3 refuses the notification until it has validated it.
    String processor = ctx.identity().names().function(PipelineFunction.PROCESSOR);
    String bucket = ctx.identity().bucketName();
    aws.s3().putBucketNotificationConfiguration(b -> b.bucket(bucket).notificationConfiguration(n -> { }));
    s3StatementIds(processor).forEach(sid -> aws.lambda().removePermission(r -> r.functionName(processor)
        .statementId(sid)));
    Map<String, Long> beforeRewiring = AwsBehaviour.stats();

    convergeUntilReady(ctx, "rewiring");

    assertThat(injectedSince(beforeRewiring).get(AwsBehaviour.S3_DESTINATION))
        .as("notification refused until validated").isPositive();
    assertThat(injectedSince(before).get(AwsBehaviour.REQUEST_VALIDATION)).isZero();

    Requeue.deleteUntilGone(converger, ctx, PATIENCE);
    assertThat(AwsInventory.ownedBy(aws, fp.getMetadata().getUid())).isEmpty();
  }

  /** Converge passes, paced like requeues, until every component is Ready; none may ever be Failed. */
  private static int convergeUntilReady(PipelineContext ctx, String phase) {
    List<String> waits = new ArrayList<>();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    for (int passes = 1; ; passes++) {
      List<ComponentResult> results = converger.converge(ctx).results();
      assertThat(results).as("%s pass %d", phase, passes).noneSatisfy(r ->
          assertThat(r.state()).as(r.component() + ": " + r.message()).isEqualTo(ComponentResult.State.Failed));
      results.stream().filter(r -> !r.ready()).forEach(r -> waits.add(r.component() + " " + r.reason()));
      if (results.stream().allMatch(ComponentResult::ready)) {
        System.out.printf("%s: Ready after %d passes; on the way: %s%n", phase, passes, waits);
        return passes;
      }
      assertThat(System.nanoTime()).as("%s: not Ready after %s: %s", phase, PATIENCE, waits).isLessThan(deadline);
      Requeue.pause();
    }
  }

  /** Sets the AWS-like timing of a rule as soon as the rule has fired once (checked every 100 ms). */
  private static final class AwsLikeOnceFired implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    AwsLikeOnceFired(Map<String, Long> before, String rule, String timing) {
      timer.scheduleWithFixedDelay(() -> {
        if (AwsBehaviour.injectedSince(before, rule) > 0) {
          AwsBehaviour.configure(Map.of(timing, AwsBehaviour.AWS_LIKE_TIMINGS.get(timing)));
          timer.shutdown();
        }
      }, 0, 100, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }

  /** The statements of the function's resource policy that let S3 invoke it. */
  private static List<String> s3StatementIds(String function) {
    try {
      var policy = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
          aws.lambda().getPolicy(r -> r.functionName(function)).policy());
      List<String> ids = new ArrayList<>();
      policy.path("Statement").forEach(statement -> {
        if (statement.path("Principal").toString().contains("s3.amazonaws.com")) {
          ids.add(statement.path("Sid").asText());
        }
      });
      assertThat(ids).as("S3's invoke permission on %s", function).isNotEmpty();
      return ids;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Another client of the same account trying to create a REST API every 50 ms (no retries), so that it takes
   * each new permit first, until the layer has throttled someone else too; its own refusals are counted apart,
   * and its APIs are deleted on moto directly (past the quota's 1 DeleteRestApi per 30 s).
   */
  private static final class BusyAccount implements AutoCloseable {
    private final Map<String, Long> before;
    private final ApiGatewayClient noRetries = ApiGatewayClient.builder().endpointOverride(AwsBehaviour.endpoint())
        .region(Region.of(Moto.region()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<String> created = new CopyOnWriteArrayList<>();
    private final AtomicLong ownRefusals = new AtomicLong();

    BusyAccount(Map<String, Long> before) {
      this.before = before;
      timer.scheduleWithFixedDelay(this::createOne, 0, 50, TimeUnit.MILLISECONDS);
    }

    private void createOne() {
      if (AwsBehaviour.injectedSince(before, AwsBehaviour.APIGATEWAY_QUOTA) > ownRefusals.get()) {
        return;
      }
      try {
        created.add(noRetries.createRestApi(r -> r.name("another-" + UUID.randomUUID())).id());
      } catch (TooManyRequestsException e) {
        ownRefusals.incrementAndGet();
      }
    }

    /** Stops; answers how many of the account's other calls were throttled. */
    long stop() {
      timer.shutdownNow();
      try {
        timer.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return AwsBehaviour.injectedSince(before, AwsBehaviour.APIGATEWAY_QUOTA) - ownRefusals.get();
    }

    @Override
    public void close() {
      stop();
      AwsClients moto = AwsBehaviour.motoItself();
      created.forEach(id -> moto.apiGateway().deleteRestApi(r -> r.restApiId(id)));
      noRetries.close();
    }
  }

  private static Map<String, Long> injectedSince(Map<String, Long> before) {
    Map<String, Long> injected = new TreeMap<>();
    AwsBehaviour.stats().forEach((rule, n) -> injected.put(rule, n - before.getOrDefault(rule, 0L)));
    return injected;
  }
}
