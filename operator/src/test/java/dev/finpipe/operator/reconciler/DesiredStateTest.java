package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.AlarmsSpec;
import dev.finpipe.operator.api.ApiAuthorization;
import dev.finpipe.operator.api.ApiSpec;
import dev.finpipe.operator.api.BucketSpec;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.api.FunctionsSpec;
import dev.finpipe.operator.api.ProcessorSpec;
import dev.finpipe.operator.api.QueuesSpec;
import dev.finpipe.operator.api.ThrottlingSpec;
import dev.finpipe.operator.aws.alarm.DesiredAlarm;
import dev.finpipe.operator.aws.codestaging.CodeObject;
import dev.finpipe.operator.aws.function.CodeSource;
import dev.finpipe.operator.aws.function.DesiredFunction;
import dev.finpipe.operator.aws.permission.DesiredPermission;
import dev.finpipe.operator.aws.restapi.ApiRoute;
import dev.finpipe.operator.aws.restapi.DesiredRestApi;
import dev.finpipe.operator.aws.restapi.RestApiEndpoints;
import dev.finpipe.operator.policy.PipelineFunction;
import dev.finpipe.operator.support.Ownership;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

/**
 * What {@link DesiredState} derives from a FinancialPipeline, as tables: names and ARNs, defaults and the spec
 * fields that override them. Pure: no AWS, no cluster. The pipeline is team-a/payments in account 123456789012.
 */
class DesiredStateTest {
  private static final String ACCOUNT = "123456789012";
  private static final String UID = "0b7c6a4e-1f2d-4c3b-9a8e-7d6f5e4c3b2a";
  private static final String KEY = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  /** The default bucket of team-a/payments/dev: its hash is of "team-a/payments/dev". */
  private static final String DEFAULT_BUCKET = "fp-payments-dev-75c2d924-123456789012-eu-west-1";
  private static final FunctionCode.Artifact CODE = new FunctionCode.Artifact(
      new CodeSource.InS3(new CodeObject("code-bucket", "handlers.jar", null), "sha"));

  private static FinancialPipeline pipeline(String region, Consumer<FinancialPipelineSpec> spec) {
    FinancialPipeline fp = new FinancialPipeline();
    fp.setMetadata(new ObjectMetaBuilder().withNamespace("team-a").withName("payments").withUid(UID).build());
    fp.setSpec(new FinancialPipelineSpec());
    fp.getSpec().region = region;
    spec.accept(fp.getSpec());
    return fp;
  }

  private static DesiredState desired(String region, Consumer<FinancialPipelineSpec> spec) {
    return new DesiredState(PipelineIdentity.of(pipeline(region, spec), ACCOUNT));
  }

  private static DesiredState desired(Consumer<FinancialPipelineSpec> spec) {
    return desired("eu-west-1", spec);
  }

  private static DesiredState defaults() {
    return desired(spec -> { });
  }

  private static Map<String, String> ownerTags() {
    return new Ownership("team-a", "payments", UID).tags();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "UPLOAD,    fp_team-a_payments_dev_upload",
      "STATUS,    fp_team-a_payments_dev_status",
      "RESULTS,   fp_team-a_payments_dev_results",
      "PROCESSOR, fp_team-a_payments_dev_processor"})
  void eachFunctionIsNamedAndWiredToItsOwnRoleQueueLogGroupAndAlarm(PipelineFunction f, String name) {
    DesiredState state = defaults();
    DesiredFunction function = state.function(f, CODE);

    assertThat(function.functionName()).isEqualTo(name);
    assertThat(state.functionArn(f)).isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:" + name);
    assertThat(function.handler()).isEqualTo(f.handler());
    assertThat(function.runtime()).isEqualTo(DesiredFunction.JAVA_21);
    assertThat(function.tracingActive()).isTrue();
    assertThat(function.codeSha256()).isEqualTo("sha");
    assertThat(function.code()).isEqualTo(CODE.source());
    assertThat(function.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/finpipe/" + name + "_role");
    assertThat(state.role(f).name()).isEqualTo(name + "_role");
    assertThat(function.deadLetterTargetArn()).isEqualTo("arn:aws:sqs:eu-west-1:123456789012:" + name + "_dlq")
        .isEqualTo(state.deadLetterQueueArn(f));
    assertThat(state.deadLetterQueue(f).name()).isEqualTo(name + "_dlq");
    assertThat(state.logGroup(f).name()).isEqualTo("/aws/lambda/" + name);
    assertThat(state.alarm(f).alarmName()).isEqualTo(name + "_error-rate");
    assertThat(state.invokeConfig(f).functionArn()).isEqualTo(state.functionArn(f));
    assertThat(state.invokeConfig(f).onFailureDestinationArn()).as("failed events go to the DLQ once, not twice")
        .isNull();
    assertThat(List.of(function.tags(), state.role(f).tags(), state.deadLetterQueue(f).tags(),
        state.logGroup(f).tags(), state.alarm(f).tags())).allSatisfy(tags -> assertThat(tags).isEqualTo(ownerTags()));
  }

  /** Every tagged resource gets the same tags: ownership over spec.tags over the administrator's defaults. */
  @org.junit.jupiter.api.Test
  void everyResourceCarriesTheUserAndDefaultTagsUnderTheOwnershipTags() {
    var allowances = new dev.finpipe.operator.policy.AdministratorAllowances(
        dev.finpipe.operator.policy.AdministratorAllowances.DEFAULT_PERMISSIONS_BOUNDARY, false, List.of(),
        java.util.Set.of(), false, Map.of("cost-center", "fin42", "team", "platform"));
    FinancialPipeline fp = pipeline("eu-west-1", spec -> spec.tags = Map.of("team", "payments", "app", "ledger"));
    DesiredState state = new DesiredState(PipelineIdentity.of(fp, ACCOUNT, allowances));

    Map<String, String> expected = new java.util.HashMap<>(ownerTags());
    expected.putAll(Map.of("cost-center", "fin42", "team", "payments", "app", "ledger"));
    List<Map<String, String>> everyResource = new java.util.ArrayList<>(List.of(state.bucket().tags(),
        state.restApi().tags(), state.notification().ownerTags()));
    for (PipelineFunction f : PipelineFunction.values()) {
      everyResource.addAll(List.of(state.function(f, CODE).tags(), state.role(f).tags(),
          state.deadLetterQueue(f).tags(), state.logGroup(f).tags(), state.alarm(f).tags()));
    }
    assertThat(everyResource).hasSize(23).allSatisfy(tags -> assertThat(tags).isEqualTo(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "eu-west-1,  aws",
      "cn-north-1, aws-cn"})
  void everyRoleCarriesTheDefaultBoundaryOfItsPartitionAndAccount(String region, String partition) {
    DesiredState state = desired(region, spec -> { });
    for (PipelineFunction f : PipelineFunction.values()) {
      assertThat(state.role(f).permissionsBoundaryArn()).as(f.name())
          .isEqualTo("arn:" + partition + ":iam::123456789012:policy/finpipe/FinancialPipelineFunctionBoundary");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "eu-west-1,     aws",
      "cn-north-1,    aws-cn",
      "us-gov-west-1, aws-us-gov"})
  void everyArnIsInThePartitionOfTheRegion(String region, String partition) {
    DesiredState state = desired(region, spec -> { });
    String function = "arn:" + partition + ":lambda:" + region + ":123456789012:function:fp_team-a_payments_dev_upload";
    String bucket = "fp-payments-dev-75c2d924-123456789012-" + region;

    assertThat(state.functionArn(PipelineFunction.UPLOAD)).isEqualTo(function);
    assertThat(state.function(PipelineFunction.UPLOAD, CODE).roleArn())
        .isEqualTo("arn:" + partition + ":iam::123456789012:role/finpipe/fp_team-a_payments_dev_upload_role");
    assertThat(state.deadLetterQueueArn(PipelineFunction.UPLOAD))
        .isEqualTo("arn:" + partition + ":sqs:" + region + ":123456789012:fp_team-a_payments_dev_upload_dlq");
    assertThat(state.bucket().name()).isEqualTo(bucket);
    assertThat(state.bucket().region()).isEqualTo(region);
    assertThat(state.bucket().arn()).isEqualTo("arn:" + partition + ":s3:::" + bucket);
    assertThat(state.restApi().routes().get(0).integrationUri()).isEqualTo("arn:" + partition + ":apigateway:"
        + region + ":lambda:path/2015-03-31/functions/" + function + "/invocations");
    assertThat(state.restApi().region()).isEqualTo(region);
  }

  @ParameterizedTest(name = "environment {0}, spec.bucket.name {1}")
  @CsvSource(nullValues = "-", value = {
      "dev,  -,                 fp-payments-dev-75c2d924-123456789012-eu-west-1",
      "prod, -,                 fp-payments-prod-5bb620b6-123456789012-eu-west-1",
      "dev,  ledger-inbox.acme, ledger-inbox.acme"})
  void theBucketIsNamedBySpecOrDerivedAndEveryReferenceFollows(String environment, String explicit, String bucket) {
    DesiredState state = desired(spec -> {
      spec.environment = environment;
      if (explicit != null) {
        spec.bucket = new BucketSpec();
        spec.bucket.name = explicit;
      }
    });

    assertThat(state.bucket().name()).isEqualTo(bucket);
    assertThat(state.bucket().arn()).isEqualTo("arn:aws:s3:::" + bucket);
    assertThat(state.bucket().tags()).isEqualTo(ownerTags());
    // only a generated name lets an untagged bucket be recovered as this pipeline's (BucketManager)
    assertThat(state.bucket().generatedName()).isEqualTo(explicit == null);
    assertThat(state.bucket().accountId()).isEqualTo("123456789012");
    assertThat(state.notification().bucket()).isEqualTo(bucket);
    assertThat(state.s3InvokePermission().sourceArn()).isEqualTo("arn:aws:s3:::" + bucket);
    assertThat(state.environment()).containsEntry("BUCKET_NAME", bucket);
    assertThat(state.role(PipelineFunction.PROCESSOR).inlinePolicy().toString())
        .contains("\"arn:aws:s3:::" + bucket + "/incoming/*\"");
  }

  @ParameterizedTest(name = "spec.bucket.kmsKeyArn {0}")
  @CsvSource(nullValues = "-", value = {"-", KEY})
  void theCustomerKeyEncryptsTheBucketAndEveryQueueAndEveryRoleMayUseIt(String key) {
    DesiredState state = desired(spec -> {
      spec.bucket = new BucketSpec();
      spec.bucket.kmsKeyArn = key;
    });

    assertThat(state.bucket().kmsKeyArn()).isEqualTo(Optional.ofNullable(key));
    for (PipelineFunction f : PipelineFunction.values()) {
      assertThat(state.deadLetterQueue(f).kmsKeyArn()).as(f + " queue").isEqualTo(Optional.ofNullable(key));
      assertThat(state.role(f).inlinePolicy().toString().contains("UseCustomerKey")).as(f + " role")
          .isEqualTo(key != null);
      assertThat(state.logGroup(f).kmsKeyArn()).as(f + " log group: not the bucket's key").isEmpty();
      assertThat(state.function(f, CODE).kmsKeyArn()).as(f + " environment: AWS managed key").isNull();
    }
  }

  /** The processor has its own sizing; the other three share {@code spec.functions}. */
  @ParameterizedTest(name = "{0}: functions {1} MB/{2} s, processor {3} MB/{4} s")
  @CsvSource(nullValues = "-", value = {
      "UPLOAD,    -,   -,  -,    -,   512,  28",
      "STATUS,    -,   -,  -,    -,   512,  28",
      "RESULTS,   -,   -,  -,    -,   512,  28",
      "PROCESSOR, -,   -,  -,    -,   1024, 300",
      "UPLOAD,    256, 10, 2048, 600, 256,  10",
      "STATUS,    256, 10, 2048, 600, 256,  10",
      "RESULTS,   256, 10, 2048, 600, 256,  10",
      "PROCESSOR, 256, 10, 2048, 600, 2048, 600",
      "PROCESSOR, 256, 10, -,    -,   1024, 300"})
  void memoryAndTimeoutComeFromTheFunctionsOrTheProcessorSpec(PipelineFunction f, Integer memory, Integer timeout,
                                                             Integer processorMemory, Integer processorTimeout,
                                                             int expectedMemory, int expectedTimeout) {
    DesiredState state = desired(spec -> {
      if (memory != null) {
        spec.functions = new FunctionsSpec();
        spec.functions.memoryMb = memory;
        spec.functions.timeoutSeconds = timeout;
      }
      if (processorMemory != null) {
        spec.functions.processor = new ProcessorSpec();
        spec.functions.processor.memoryMb = processorMemory;
        spec.functions.processor.timeoutSeconds = processorTimeout;
      }
    });

    assertThat(state.function(f, CODE).memoryMb()).isEqualTo(expectedMemory);
    assertThat(state.function(f, CODE).timeoutSeconds()).isEqualTo(expectedTimeout);
  }

  @ParameterizedTest
  @EnumSource(PipelineFunction.class)
  void everyFunctionGetsTheBucketAndItsPrefixes(PipelineFunction f) {
    assertThat(defaults().function(f, CODE).environment()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "BUCKET_NAME", DEFAULT_BUCKET,
        "INCOMING_PREFIX", "incoming/",
        "PROCESSED_PREFIX", "processed/",
        "RESULTS_PREFIX", "results/",
        "STATUS_PREFIX", "status/"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "POST, /upload,         fp_team-a_payments_dev_upload",
      "GET,  /status/{jobId},  fp_team-a_payments_dev_status",
      "GET,  /results/{jobId}, fp_team-a_payments_dev_results"})
  void eachRouteIsProxiedToItsFunction(String method, String path, String function) {
    String arn = "arn:aws:lambda:eu-west-1:123456789012:function:" + function;

    assertThat(defaults().restApi().routes()).hasSize(3).contains(new ApiRoute(method, path, arn,
        "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/" + arn + "/invocations"));
  }

  static Stream<Arguments> apiSettings() {
    ApiSpec custom = new ApiSpec();
    custom.stageName = "v2";
    custom.authorization = ApiAuthorization.NONE;
    custom.throttling = new ThrottlingSpec();
    custom.throttling.burstLimit = 10;
    custom.throttling.rateLimit = 2.5;
    return Stream.of(Arguments.of(null, "prod", "AWS_IAM", 100, 50.0), Arguments.of(custom, "v2", "NONE", 10, 2.5));
  }

  @ParameterizedTest
  @MethodSource("apiSettings")
  void theApiStageAndAuthorizationComeFromTheSpec(ApiSpec api, String stage, String authorization, int burst,
                                                  double rate) {
    DesiredRestApi restApi = desired(spec -> spec.api = api).restApi();

    assertThat(restApi.name()).isEqualTo("fp_team-a_payments_dev_api");
    assertThat(restApi.description()).isEqualTo("FinancialPipeline team-a/payments");
    assertThat(restApi.accountId()).isEqualTo(ACCOUNT);
    assertThat(restApi.stageName()).isEqualTo(stage);
    assertThat(restApi.authorizationType()).isEqualTo(authorization);
    assertThat(restApi.tracingEnabled()).isTrue();
    assertThat(restApi.throttlingBurstLimit()).isEqualTo(burst);
    assertThat(restApi.throttlingRateLimit()).isEqualTo(rate);
    assertThat(restApi.tags()).isEqualTo(ownerTags());
  }

  @ParameterizedTest(name = "{0} {1} on stage {3}")
  @CsvSource({
      "POST, /upload,         UPLOAD,  prod, finpipe-api-post-upload, a1b2c3/prod/POST/upload",
      "GET,  /status/{jobId},  STATUS,  prod, finpipe-api-get-status,  a1b2c3/prod/GET/status/*",
      "GET,  /results/{jobId}, RESULTS, v2,   finpipe-api-get-results, a1b2c3/v2/GET/results/*"})
  void eachRouteMayInvokeOnlyItsFunctionFromItsMethodPathAndStage(String method, String path, PipelineFunction f,
                                                                 String stage, String sid, String source) {
    DesiredState state = desired(spec -> {
      spec.api = new ApiSpec();
      spec.api.stageName = stage;
    });
    DesiredState.Route route = DesiredState.ROUTES.stream()
        .filter(r -> r.method().equals(method) && r.path().equals(path)).findFirst().orElseThrow();
    RestApiEndpoints api = RestApiEndpoints.of("eu-west-1", ACCOUNT, "a1b2c3", stage);

    DesiredPermission permission = state.apiInvokePermission(route, api);

    assertThat(route.function()).isEqualTo(f);
    assertThat(permission.functionArn()).isEqualTo(state.functionArn(f));
    assertThat(permission.statementId()).isEqualTo(sid);
    assertThat(permission.principal()).isEqualTo("apigateway.amazonaws.com");
    assertThat(permission.sourceArn()).isEqualTo("arn:aws:execute-api:eu-west-1:123456789012:" + source);
    assertThat(permission.sourceAccount()).isNull();
  }

  @ParameterizedTest(name = "spec.bucket.name {0}")
  @CsvSource(nullValues = "-", value = {"-", "ledger-inbox"})
  void onlyTheBucketInThisAccountMayInvokeTheProcessorForNewFiles(String explicit) {
    DesiredState state = desired(spec -> {
      spec.bucket = new BucketSpec();
      spec.bucket.name = explicit;
    });
    String bucket = explicit == null ? DEFAULT_BUCKET : explicit;

    DesiredPermission permission = state.s3InvokePermission();
    assertThat(permission.functionArn()).isEqualTo(state.functionArn(PipelineFunction.PROCESSOR));
    assertThat(permission.statementId()).isEqualTo("finpipe-s3-invoke");
    assertThat(permission.principal()).isEqualTo("s3.amazonaws.com");
    assertThat(permission.sourceArn()).isEqualTo("arn:aws:s3:::" + bucket);
    assertThat(permission.sourceAccount()).as("S3 ARNs carry no account").isEqualTo(ACCOUNT);
    assertThat(state.notification().functionArn()).isEqualTo(state.functionArn(PipelineFunction.PROCESSOR));
    assertThat(state.notification().id()).isEqualTo("invoke-processor");
    assertThat(state.notification().prefix()).isEqualTo("incoming/");
    assertThat(state.notification().ownerTags()).isEqualTo(ownerTags());
  }

  @ParameterizedTest(name = "threshold {0} %, period {1} s, {2} periods, datapoints {3}")
  @CsvSource(nullValues = "-", value = {
      "-,   -,  -, -, -,                                        1.0, 300, 2, 2",
      "5.5, 60, 5, 3, arn:aws:sns:eu-west-1:123456789012:pager, 5.5, 60,  5, 3",
      "0,   120, 1, -, -,                                       0.0, 120, 1, 1"})
  void alarmThresholdsAndActionsComeFromSpecAlarms(Double threshold, Integer period, Integer periods,
                                                   Integer datapoints, String action, double expectedThreshold,
                                                   int expectedPeriod, int expectedPeriods, int expectedDatapoints) {
    DesiredState state = desired(spec -> {
      if (threshold != null) {
        spec.alarms = new AlarmsSpec();
        spec.alarms.errorRateThresholdPercent = threshold;
        spec.alarms.periodSeconds = period;
        spec.alarms.evaluationPeriods = periods;
        spec.alarms.datapointsToAlarm = datapoints;
        spec.alarms.actions = action == null ? List.of() : List.of(action);
      }
    });

    for (PipelineFunction f : PipelineFunction.values()) {
      DesiredAlarm alarm = state.alarm(f);
      assertThat(alarm.threshold()).isEqualTo(expectedThreshold);
      assertThat(alarm.evaluationPeriods()).isEqualTo(expectedPeriods);
      assertThat(alarm.datapointsToAlarm()).isEqualTo(expectedDatapoints);
      assertThat(alarm.comparisonOperator()).isEqualTo(DesiredAlarm.GREATER_THAN_THRESHOLD);
      assertThat(alarm.treatMissingData()).isEqualTo(DesiredAlarm.NOT_BREACHING);
      assertThat(alarm.alarmActions()).isEqualTo(action == null ? List.of() : List.of(action));
      assertThat(alarm.metrics().stream().filter(q -> q.metricStat() != null).toList()).hasSize(2).allSatisfy(q -> {
        assertThat(q.metricStat().period()).isEqualTo(expectedPeriod);
        assertThat(q.metricStat().metric().dimensions().get(0).value())
            .isEqualTo(state.function(f, CODE).functionName());
      });
      assertThat(alarm.metrics()).filteredOn(MetricDataQuery::returnData).singleElement()
          .satisfies(q -> assertThat(q.expression()).isEqualTo("IF(m2 > 0, 100 * m1 / m2, 0)"));
    }
  }

  @ParameterizedTest(name = "queues {0} s, logs {1} days, retries {2}")
  @CsvSource(nullValues = "-", value = {
      "-,     -,  -, 1209600, 14, 2",
      "86400, 30, 0, 86400,   30, 0"})
  void retentionAndRetriesComeFromTheSpec(Integer queueSeconds, Integer logDays, Integer retries,
                                          int expectedQueueSeconds, int expectedLogDays, int expectedRetries) {
    DesiredState state = desired(spec -> {
      if (queueSeconds != null) {
        spec.queues = new QueuesSpec();
        spec.queues.messageRetentionSeconds = queueSeconds;
        spec.functions = new FunctionsSpec();
        spec.functions.logRetentionDays = logDays;
        spec.functions.maximumRetryAttempts = retries;
      }
    });

    assertThat(Arrays.stream(PipelineFunction.values())).allSatisfy(f -> {
      assertThat(state.deadLetterQueue(f).messageRetentionSeconds()).isEqualTo(expectedQueueSeconds);
      assertThat(state.logGroup(f).retentionDays()).isEqualTo(expectedLogDays);
      assertThat(state.invokeConfig(f).maximumRetryAttempts()).isEqualTo(expectedRetries);
    });
  }
}
