package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.aws.alarm.DesiredAlarm;
import dev.finpipe.operator.aws.bucket.DesiredBucket;
import dev.finpipe.operator.aws.function.DesiredFunction;
import dev.finpipe.operator.aws.invokeconfig.DesiredInvokeConfig;
import dev.finpipe.operator.aws.loggroup.DesiredLogGroup;
import dev.finpipe.operator.aws.notification.DesiredNotification;
import dev.finpipe.operator.aws.permission.DesiredPermission;
import dev.finpipe.operator.aws.queue.DesiredQueue;
import dev.finpipe.operator.aws.restapi.ApiRoute;
import dev.finpipe.operator.aws.restapi.DesiredRestApi;
import dev.finpipe.operator.aws.restapi.RestApiEndpoints;
import dev.finpipe.operator.aws.role.DesiredRole;
import dev.finpipe.operator.policy.AlarmMath;
import dev.finpipe.operator.policy.BucketLayout;
import dev.finpipe.operator.policy.IamPolicies;
import dev.finpipe.operator.policy.PipelineFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every AWS resource of one pipeline as it must be: a pure function of the {@link PipelineIdentity} (no AWS
 * client, no call). The only server-generated input is the REST API id, passed in by the caller.
 */
public final class DesiredState {
  /** The routes of the REST API and the function behind each. */
  public static final List<Route> ROUTES = List.of(
      new Route("POST", "/upload", PipelineFunction.UPLOAD),
      new Route("GET", "/status/{jobId}", PipelineFunction.STATUS),
      new Route("GET", "/results/{jobId}", PipelineFunction.RESULTS));
  static final String S3_PERMISSION_ID = "finpipe-s3-invoke";

  private final PipelineIdentity id;

  public record Route(String method, String path, PipelineFunction function) {
  }

  public DesiredState(PipelineIdentity id) {
    this.id = id;
  }

  private FinancialPipelineSpec spec() {
    return id.spec();
  }

  private Map<String, String> tags() {
    return id.tags();
  }

  private Optional<String> kmsKey() {
    return Optional.ofNullable(spec().bucketOrDefault().kmsKeyArn);
  }

  public DesiredBucket bucket() {
    String name = id.bucketName();
    return new DesiredBucket(name, spec().region, id.arns().bucket(name), kmsKey(),
        spec().bucketOrDefault().processedExpirationDays, tags(), id.accountId(),
        id.bucketNameGenerated(), spec().bucketOrDefault().adopt);
  }

  public DesiredQueue deadLetterQueue(PipelineFunction f) {
    return new DesiredQueue(id.names().deadLetterQueue(f), spec().queuesOrDefault().messageRetentionSeconds,
        kmsKey(), tags());
  }

  public String deadLetterQueueArn(PipelineFunction f) {
    return id.arns().queue(id.names().deadLetterQueue(f));
  }

  public DesiredLogGroup logGroup(PipelineFunction f) {
    return new DesiredLogGroup(id.names().logGroup(f), spec().functionsOrDefault().logRetentionDays, Optional.empty(),
        tags());
  }

  public DesiredRole role(PipelineFunction f) {
    var access = new IamPolicies.FunctionAccess(f, id.arns(), id.bucketName(), id.names().logGroup(f),
        deadLetterQueueArn(f), kmsKey());
    return DesiredRole.forFunction(id.names().role(f), "Execution role of the " + f.shortName() + " function of "
        + "FinancialPipeline " + id.owner().namespace() + "/" + id.owner().name(),
        IamPolicies.functionPolicy(access), id.permissionsBoundaryArn(), tags());
  }

  public String functionArn(PipelineFunction f) {
    return id.arns().function(id.names().function(f));
  }

  /** A new role's ARN: where the operator creates roles ({@link DesiredRole#PATH}). */
  public String roleArn(PipelineFunction f) {
    return id.arns().role(DesiredRole.PATH, id.names().role(f));
  }

  public DesiredFunction function(PipelineFunction f, FunctionCode.Artifact code) {
    return function(f, code, roleArn(f));
  }

  /**
   * The function as it must be, running as {@code roleArn}: the ARN its role component reported, which differs
   * from {@link #roleArn} for a role created at path {@code /} before roles had a path of their own.
   */
  public DesiredFunction function(PipelineFunction f, FunctionCode.Artifact code, String roleArn) {
    var functions = spec().functionsOrDefault();
    boolean processor = f == PipelineFunction.PROCESSOR;
    int memory = processor ? functions.processorOrDefault().memoryMb : functions.memoryMb;
    int timeout = processor ? functions.processorOrDefault().timeoutSeconds : functions.timeoutSeconds;
    return new DesiredFunction(id.names().function(f), DesiredFunction.JAVA_21, f.handler(),
        roleArn, code.source(), memory, timeout, environment(),
        true, deadLetterQueueArn(f), null, tags());
  }

  /** What the handlers read (see handlers/README.md). */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("BUCKET_NAME", id.bucketName());
    env.put("INCOMING_PREFIX", BucketLayout.INCOMING);
    env.put("PROCESSED_PREFIX", BucketLayout.PROCESSED);
    env.put("RESULTS_PREFIX", BucketLayout.RESULTS);
    env.put("STATUS_PREFIX", BucketLayout.STATUS);
    return env;
  }

  /** Async retries; failed events go to the function's DeadLetterConfig queue (one copy, not two). */
  public DesiredInvokeConfig invokeConfig(PipelineFunction f) {
    return new DesiredInvokeConfig(functionArn(f), spec().functionsOrDefault().maximumRetryAttempts, null);
  }

  public DesiredPermission s3InvokePermission() {
    return new DesiredPermission(functionArn(PipelineFunction.PROCESSOR), S3_PERMISSION_ID, "s3.amazonaws.com",
        id.arns().bucket(id.bucketName()), id.accountId());
  }

  public DesiredNotification notification() {
    return new DesiredNotification(id.bucketName(), BucketLayout.PROCESSOR_NOTIFICATION,
        functionArn(PipelineFunction.PROCESSOR), BucketLayout.INCOMING, tags());
  }

  public DesiredRestApi restApi() {
    var api = spec().apiOrDefault();
    List<ApiRoute> routes = ROUTES.stream().map(r -> new ApiRoute(r.method(), r.path(), functionArn(r.function()),
        id.arns().lambdaIntegrationUri(functionArn(r.function())))).toList();
    return new DesiredRestApi(id.names().restApi(), "FinancialPipeline " + id.owner().namespace() + "/"
        + id.owner().name(), spec().region, id.accountId(), routes, api.authorization.name(), api.stageName, true,
        api.throttlingOrDefault().burstLimit, api.throttlingOrDefault().rateLimit, tags());
  }

  /** One invoke permission per route, scoped to that route's method and path on this API's stage. */
  public DesiredPermission apiInvokePermission(Route route, RestApiEndpoints api) {
    String sid = "finpipe-api-" + route.method().toLowerCase() + "-" + route.function().shortName();
    return new DesiredPermission(functionArn(route.function()), sid, "apigateway.amazonaws.com",
        id.arns().routeSource(api.restApiId(), spec().apiOrDefault().stageName, route.method(), route.path()), null);
  }

  public DesiredAlarm alarm(PipelineFunction f) {
    var alarms = spec().alarmsOrDefault();
    String name = id.names().errorRateAlarm(f);
    AlarmMath math = AlarmMath.errorRate(name, id.names().function(f), alarms.periodSeconds,
        alarms.errorRateThresholdPercent, alarms.evaluationPeriods, alarms.datapointsToAlarm);
    return new DesiredAlarm(name, math.description(), math.queries(), math.thresholdPercent(),
        math.comparisonOperator().toString(), math.evaluationPeriods(), math.datapointsToAlarm(),
        math.treatMissingData(),
        alarms.actions == null ? List.of() : List.copyOf(alarms.actions), tags());
  }
}
