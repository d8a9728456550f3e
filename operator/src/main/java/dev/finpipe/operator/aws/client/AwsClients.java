package dev.finpipe.operator.aws.client;

import dev.finpipe.operator.policy.Arns;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS SDK clients for one {@link AwsTarget}, created lazily and shared. Every client uses the SDK's
 * standard retry strategy (exponential backoff with jitter on throttling and 5xx), one shared HTTP
 * connection pool, the {@link AwsCallRecorder} and the shared {@link AwsRateLimits}.
 */
public final class AwsClients implements AutoCloseable {
  private final AwsTarget target;
  private final SdkHttpClient http;
  private final AwsCallRecorder recorder;
  private final AwsRateLimits rateLimits;
  private final ConcurrentHashMap<Object, AutoCloseable> clients = new ConcurrentHashMap<>();
  private final ExpectedBucketOwner expectedBucketOwner = new ExpectedBucketOwner();
  /**
   * The timer of every client's call and attempt timeouts, shared by all clients of all targets. Left to itself
   * the SDK gives each client its own pool of five threads, which at a dozen clients per target is most of the
   * operator's idle threads. It only schedules and cancels timeouts, so two threads serve all; the SDK does not
   * close an executor it was given.
   */
  private static final ScheduledExecutorService TIMEOUTS = timeoutScheduler();

  public AwsClients(AwsTarget target, SdkHttpClient http, AwsCallRecorder recorder) {
    this(target, http, recorder, new AwsRateLimits(Map.of()));
  }

  public AwsClients(AwsTarget target, SdkHttpClient http, AwsCallRecorder recorder, AwsRateLimits rateLimits) {
    this.target = target;
    this.http = http;
    this.recorder = recorder;
    this.rateLimits = rateLimits;
  }

  public AwsTarget target() {
    return target;
  }

  public String region() {
    return target.region();
  }

  /** S3; once {@link #expectBucketOwner} is called, every request names that account as the bucket owner. */
  public S3Client s3() {
    return client(S3Client.class, () -> configure(S3Client.builder().forcePathStyle(target.endpoint().isPresent()),
        STANDARD_WITHOUT_CIRCUIT_BREAKER, expectedBucketOwner).build());
  }

  /** The account these credentials act in: S3 must refuse buckets any other account owns. */
  public void expectBucketOwner(String accountId) {
    expectedBucketOwner.expect(accountId);
  }

  public SqsClient sqs() {
    return client(SqsClient.class, () -> configure(SqsClient.builder()).build());
  }

  public IamClient iam() {
    return client(IamClient.class, () -> configure(IamClient.builder()).region(iamRegion(target.region())).build());
  }

  /**
   * The region an IAM client is built for: IAM is global within a partition, with one endpoint per partition
   * (its control plane in us-east-1, in China in Beijing, in GovCloud in us-gov-west-1). The SDK's global
   * pseudo-region of the pipeline's partition resolves to that endpoint and its signing region:
   * {@code iam.amazonaws.com} (us-east-1), {@code iam.cn-north-1.amazonaws.com.cn} (cn-north-1),
   * {@code iam.us-gov.amazonaws.com} (us-gov-west-1). Sources: "AWS Identity and Access Management endpoints
   * and quotas", https://docs.aws.amazon.com/general/latest/gr/iam-service.html; "Amazon Identity and Access
   * Management" (China), https://docs.amazonaws.cn/en_us/aws/latest/userguide/iam.html; "AWS Identity and
   * Access Management in AWS GovCloud (US)", https://docs.aws.amazon.com/govcloud-us/latest/UserGuide/govcloud-iam.html.
   * See docs/PARTITIONS.md.
   */
  static Region iamRegion(String pipelineRegion) {
    return switch (Arns.partitionOf(pipelineRegion)) {
      case "aws-cn" -> Region.AWS_CN_GLOBAL;
      case "aws-us-gov" -> Region.AWS_US_GOV_GLOBAL;
      default -> Region.AWS_GLOBAL;
    };
  }

  public LambdaClient lambda() {
    return client(LambdaClient.class, () -> configure(LambdaClient.builder()).build());
  }

  public ApiGatewayClient apiGateway() {
    return client(ApiGatewayClient.class, () -> configure(ApiGatewayClient.builder()).build());
  }

  /**
   * API Gateway for the creates whose ids the server generates (REST API, resource). It retries only an
   * answer that proves the request was not carried out (throttling, 5xx); a retry after an answer lost on the
   * way back would create a second one, so that failure goes to the reconcile, which first looks for what the
   * lost call may have created.
   */
  public ApiGatewayClient apiGatewayCreates() {
    return client(new RetryingOnlyRefused(ApiGatewayClient.class),
        () -> configure(ApiGatewayClient.builder(), RETRY_ONLY_REFUSED).build());
  }

  /**
   * The SDK's standard retries (3 attempts, exponential backoff with jitter, AWS's throttling and transient
   * errors) without the retry-quota circuit breaker: one client serves every pipeline of an account, and the
   * breaker would let one pipeline's failures stop the retries of all; {@link AwsRateLimits} bounds the load.
   */
  /**
   * How long one API call may take, all attempts and rate-limit waits included ("Configure timeouts in AWS SDK for
   * Java 2.x", https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/timeouts.html).
   */
  public static final Duration API_CALL_TIMEOUT = Duration.ofMinutes(3);
  private static final RetryStrategy STANDARD_WITHOUT_CIRCUIT_BREAKER =
      ((software.amazon.awssdk.retries.StandardRetryStrategy.Builder) software.amazon.awssdk.awscore.retry
          .AwsRetryStrategy.standardRetryStrategy().toBuilder()).circuitBreakerEnabled(false).build();

  private static final RetryStrategy RETRY_ONLY_REFUSED = DefaultRetryStrategy.standardStrategyBuilder()
      .maxAttempts(3)
      .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(20)))
      .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(500), Duration.ofSeconds(20)))
      .retryOnException(AwsClients::refusedByService)
      .treatAsThrottling(e -> e instanceof AwsServiceException ase && (ase.isThrottlingException()
          || ase.statusCode() == 429))
      .circuitBreakerEnabled(false)
      // without this the SDK adds its own conditions, which retry I/O errors: exactly the lost answers
      .useClientDefaults(false)
      .build();

  private static boolean refusedByService(Throwable e) {
    return e instanceof AwsServiceException ase && (ase.isThrottlingException() || ase.statusCode() == 429
        || ase.statusCode() >= 500);
  }

  /**
   * Lambda for {@code AddPermission}, which is not idempotent either: AWS refuses a repeated statement id
   * (409) and the emulator appends a second statement. Same retry rule as {@link #apiGatewayCreates()}; the
   * reconcile observes the policy before adding again.
   */
  public LambdaClient lambdaAppends() {
    return client(new RetryingOnlyRefused(LambdaClient.class),
        () -> configure(LambdaClient.builder(), RETRY_ONLY_REFUSED).build());
  }

  /** Cache key of a service's second client, the one with {@link #RETRY_ONLY_REFUSED}. */
  private record RetryingOnlyRefused(Class<?> clientType) {
  }

  public CloudWatchClient cloudWatch() {
    return client(CloudWatchClient.class, () -> configure(CloudWatchClient.builder()).build());
  }

  public CloudWatchLogsClient logs() {
    return client(CloudWatchLogsClient.class, () -> configure(CloudWatchLogsClient.builder()).build());
  }

  /** The Resource Groups Tagging API: the pipeline's resources and their tags in one listing. */
  public ResourceGroupsTaggingApiClient tagging() {
    return client(ResourceGroupsTaggingApiClient.class,
        () -> configure(ResourceGroupsTaggingApiClient.builder()).build());
  }

  public StsClient sts() {
    return client(StsClient.class, () -> configure(StsClient.builder()).build());
  }

  @SuppressWarnings("unchecked")
  private <T extends AutoCloseable> T client(Object key, Supplier<T> factory) {
    return (T) clients.computeIfAbsent(key, k -> factory.get());
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
    return configure(builder, STANDARD_WITHOUT_CIRCUIT_BREAKER);
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(B builder, RetryStrategy retryStrategy,
                                                        ExecutionInterceptor... more) {
    var override = ClientOverrideConfiguration.builder()
        .retryStrategy(retryStrategy)
        // an attempt includes the wait for a rate-limit permit (up to AwsRateLimits.MAX_WAIT)
        .apiCallTimeout(API_CALL_TIMEOUT)
        .apiCallAttemptTimeout(Duration.ofSeconds(60))
        .scheduledExecutorService(TIMEOUTS);
    for (ExecutionInterceptor interceptor : more) {
      override.addExecutionInterceptor(interceptor);
    }
    builder.region(Region.of(target.region()))
        .credentialsProvider(target.credentials())
        .overrideConfiguration(override
            // limiter first: the recorder counts a request when it is let through
            .addExecutionInterceptor(rateLimits)
            .addExecutionInterceptor(recorder)
            // outcome, latency and error code per service and operation (docs/METRICS.md)
            .addExecutionInterceptor(recorder.apiMetrics())
            .addMetricPublisher(recorder.apiMetrics())
            .build());
    target.endpoint().ifPresent(builder::endpointOverride);
    if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
      sync.httpClient(http);
    }
    return builder;
  }

  private static ScheduledExecutorService timeoutScheduler() {
    var scheduler = new ScheduledThreadPoolExecutor(2, r -> {
      Thread t = new Thread(r, "aws-sdk-timeouts");
      t.setDaemon(true);
      return t;
    });
    // a call that ends in time cancels its timeout: drop it now rather than keep it queued for minutes
    scheduler.setRemoveOnCancelPolicy(true);
    return scheduler;
  }

  @Override
  public void close() {
    clients.values().forEach(c -> {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing is best effort; the shared HTTP client is closed by its owner
      }
    });
    clients.clear();
  }
}
