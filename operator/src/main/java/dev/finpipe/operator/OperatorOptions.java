package dev.finpipe.operator;

import dev.finpipe.operator.aws.client.AwsRateLimits;
import dev.finpipe.operator.aws.codestaging.StagingBucketName;
import dev.finpipe.operator.policy.AdministratorAllowances;
import dev.finpipe.operator.policy.ResourceTags;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command-line options; each has an environment-variable default so the Helm chart can set them. */
@Command(name = "financial-pipeline-operator", mixinStandardHelpOptions = true, version = "0.1.0",
    description = "Kubernetes operator that provisions and keeps converged a serverless financial-data "
        + "pipeline on AWS for every FinancialPipeline (finpipe.dev/v1alpha1) resource.")
public class OperatorOptions {
  @Option(names = "--namespaces", split = ",", defaultValue = "${env:FINPIPE_NAMESPACES}",
      description = "Namespaces to watch, comma separated (env FINPIPE_NAMESPACES). Default: all namespaces.")
  List<String> namespaces;

  @Option(names = "--resync-period", defaultValue = "${env:FINPIPE_RESYNC_PERIOD:-PT5M}",
      description = "How often a converged pipeline is re-read and drift corrected, ISO-8601 duration "
          + "(env FINPIPE_RESYNC_PERIOD). Default: ${DEFAULT-VALUE}.")
  Duration resyncPeriod;

  @Option(names = "--health-period", defaultValue = "${env:FINPIPE_HEALTH_PERIOD:-PT1M}",
      description = "How often a Ready pipeline's error-rate alarms and dead-letter queues are read for its Healthy "
          + "condition, ISO-8601 duration (env FINPIPE_HEALTH_PERIOD); between resyncs such a pass only reads. "
          + "Default: ${DEFAULT-VALUE}.")
  Duration healthPeriod;

  @Option(names = "--aws-endpoint", defaultValue = "${env:FINPIPE_AWS_ENDPOINT:-${env:AWS_ENDPOINT_URL}}",
      description = "AWS endpoint override for pipelines that set none, e.g. an emulator "
          + "(env FINPIPE_AWS_ENDPOINT, else the standard AWS_ENDPOINT_URL). Default: real AWS.")
  String awsEndpoint;

  // What the administrator lets pipelines use (AdministratorAllowances); never implied by a spec or a Secret.
  @Option(names = "--allow-pipeline-endpoints", defaultValue = "${env:FINPIPE_ALLOW_PIPELINE_ENDPOINTS:-false}",
      description = "Honour every spec.aws.endpoint (env FINPIPE_ALLOW_PIPELINE_ENDPOINTS), for emulators. Off by "
          + "default: requests to that host carry an access key id and session token.")
  boolean allowPipelineEndpoints;

  @Option(names = "--allowed-pipeline-endpoints", split = ",",
      defaultValue = "${env:FINPIPE_ALLOWED_PIPELINE_ENDPOINTS}",
      description = "The spec.aws.endpoint values pipelines may name, comma separated URLs compared by scheme, host "
          + "and port (env FINPIPE_ALLOWED_PIPELINE_ENDPOINTS). Default: none.")
  List<URI> allowedPipelineEndpoints;

  @Option(names = "--function-permissions-boundary",
      defaultValue = "${env:FINPIPE_FUNCTION_PERMISSIONS_BOUNDARY:-"
          + AdministratorAllowances.DEFAULT_PERMISSIONS_BOUNDARY + "}",
      description = "Managed policy set as permissions boundary of every role the operator creates: an ARN, or "
          + "path/name in the pipeline's account (env FINPIPE_FUNCTION_PERMISSIONS_BOUNDARY). "
          + "Default: ${DEFAULT-VALUE} (docs/function-permissions-boundary.json).")
  String functionPermissionsBoundary;

  @Option(names = "--allowed-kms-keys", split = ",", defaultValue = "${env:FINPIPE_ALLOWED_KMS_KEYS}",
      description = "KMS key ARNs (or key ids) spec.bucket.kmsKeyArn may name, comma separated "
          + "(env FINPIPE_ALLOWED_KMS_KEYS). Default: none.")
  List<String> allowedKmsKeys;

  @Option(names = "--allow-cross-account-alarm-topics",
      defaultValue = "${env:FINPIPE_ALLOW_CROSS_ACCOUNT_ALARM_TOPICS:-false}",
      description = "Let spec.alarms.actions name SNS topics of other accounts "
          + "(env FINPIPE_ALLOW_CROSS_ACCOUNT_ALARM_TOPICS). Default: ${DEFAULT-VALUE}.")
  boolean allowCrossAccountAlarmTopics;

  @Option(names = "--default-tags", defaultValue = "${env:FINPIPE_DEFAULT_TAGS}",
      description = "Tags put on every AWS resource of every pipeline, key=value comma separated, e.g. "
          + "cost-center=fin42,owner=data (env FINPIPE_DEFAULT_TAGS); a pipeline's spec.tags of the same key wins. "
          + "AWS's tag rules apply; keys may not contain = nor start with aws: or finpipe.dev/. Default: none.")
  String defaultTags;

  @Option(names = "--allowed-assume-roles", split = ",", defaultValue = "${env:FINPIPE_ALLOWED_ASSUME_ROLES}",
      description = "IAM role ARNs spec.aws.roleArn may name, comma separated; * stands for any characters within "
          + "one part of the ARN, e.g. arn:aws:iam::123456789012:role/finpipe-* (env FINPIPE_ALLOWED_ASSUME_ROLES). "
          + "Default: none, every pipeline stays in the operator's account.")
  List<String> allowedAssumeRoles;

  @Option(names = "--code-staging-bucket",
      defaultValue = "${env:FINPIPE_CODE_STAGING_BUCKET:-" + StagingBucketName.DEFAULT_TEMPLATE + "}",
      description = "Bucket the operator stages the functions' code in, one per account and region: a name with "
          + StagingBucketName.ACCOUNT + " and " + StagingBucketName.REGION + " (env FINPIPE_CODE_STAGING_BUCKET). "
          + "Created if missing, private. Default: ${DEFAULT-VALUE}.")
  String codeStagingBucket;

  @Option(names = "--aws-rate-limits", defaultValue = "${env:FINPIPE_AWS_RATE_LIMITS}",
      description = "Requests per second per AWS service or Service:Operation, shared by all pipelines, comma "
          + "separated, e.g. Iam=10,ApiGateway:CreateRestApi=0.3 (env FINPIPE_AWS_RATE_LIMITS); each overrides "
          + "the default of its key. Defaults: " + AwsRateLimits.DEFAULT_SPEC + "; other services unlimited.")
  String awsRateLimits;

  @Option(names = "--concurrency", defaultValue = "${env:FINPIPE_CONCURRENCY:-10}",
      description = "Pipelines reconciled in parallel (env FINPIPE_CONCURRENCY). Default: ${DEFAULT-VALUE}.")
  int concurrency;

  @Option(names = "--pass-budget", defaultValue = "${env:FINPIPE_PASS_BUDGET:-PT3M}",
      description = "How long one pipeline's AWS pass may take before its pending calls are abandoned and the pass "
          + "is retried with backoff, its status naming the endpoint that did not answer, ISO-8601 "
          + "(env FINPIPE_PASS_BUDGET). Default: ${DEFAULT-VALUE}.")
  Duration passBudget;

  @Option(names = "--leader-election", negatable = true, defaultValue = "${env:FINPIPE_LEADER_ELECTION:-false}",
      description = "Elect a leader through a Lease so that only one replica reconciles "
          + "(env FINPIPE_LEADER_ELECTION). Default: ${DEFAULT-VALUE}.")
  boolean leaderElection;

  @Option(names = "--leader-election-namespace", defaultValue = "${env:FINPIPE_LEADER_ELECTION_NAMESPACE}",
      description = "Namespace of the Lease (env FINPIPE_LEADER_ELECTION_NAMESPACE). Default: the pod's.")
  String leaderElectionNamespace;

  @Option(names = "--http-port", defaultValue = "${env:FINPIPE_HTTP_PORT:-8080}",
      description = "Port of /healthz and /readyz, the probes (env FINPIPE_HTTP_PORT); 0 picks a free port. "
          + "Default: ${DEFAULT-VALUE}.")
  int httpPort;

  @Option(names = "--metrics-port", defaultValue = "${env:FINPIPE_METRICS_PORT:-8081}",
      description = "Port of /metrics, distinct from --http-port (env FINPIPE_METRICS_PORT); 0 picks a free port. "
          + "Default: ${DEFAULT-VALUE}.")
  int metricsPort;

  @Option(names = "--metrics-bind-address", defaultValue = "${env:FINPIPE_METRICS_BIND_ADDRESS:-0.0.0.0}",
      description = "Address /metrics listens on, e.g. 127.0.0.1 for a scraper in the same pod "
          + "(env FINPIPE_METRICS_BIND_ADDRESS). Default: ${DEFAULT-VALUE}, every interface, as Prometheus "
          + "scraping the pod needs.")
  String metricsBindAddress;

  // Leader-election timings (JOSDK's defaults: 15 s, 10 s, 2 s); the chart's leaderElection values set them.
  @Option(names = "--leader-election-lease-duration",
      defaultValue = "${env:FINPIPE_LEADER_ELECTION_LEASE_DURATION:-PT15S}",
      description = "How long a standby waits before taking over a Lease not renewed, ISO-8601 "
          + "(env FINPIPE_LEADER_ELECTION_LEASE_DURATION). Default: ${DEFAULT-VALUE}.")
  Duration leaseDuration;

  @Option(names = "--leader-election-renew-deadline",
      defaultValue = "${env:FINPIPE_LEADER_ELECTION_RENEW_DEADLINE:-PT10S}",
      description = "How long the leader keeps trying to renew before it stops reconciling; shorter than the lease "
          + "duration (env FINPIPE_LEADER_ELECTION_RENEW_DEADLINE). Default: ${DEFAULT-VALUE}.")
  Duration renewDeadline;

  @Option(names = "--leader-election-retry-period",
      defaultValue = "${env:FINPIPE_LEADER_ELECTION_RETRY_PERIOD:-PT2S}",
      description = "Interval between Lease acquire or renew attempts (env FINPIPE_LEADER_ELECTION_RETRY_PERIOD). "
          + "Default: ${DEFAULT-VALUE}.")
  Duration retryPeriod;

  // Scale-out: operators with disjoint selectors share a cluster's pipelines, each with its own Lease.
  @Option(names = "--selector", defaultValue = "${env:FINPIPE_SELECTOR}",
      description = "Label selector of the FinancialPipelines this operator reconciles, e.g. "
          + "'finpipe.dev/shard in (1)' (env FINPIPE_SELECTOR). Default: every pipeline of the watched namespaces.")
  String selector;

  @Option(names = "--leader-election-lease-name",
      defaultValue = "${env:FINPIPE_LEADER_ELECTION_LEASE_NAME:-" + OperatorRuntime.LEASE_NAME + "}",
      description = "Name of the leader-election Lease; operators with different --selector need different names "
          + "(env FINPIPE_LEADER_ELECTION_LEASE_NAME). Default: ${DEFAULT-VALUE}.")
  String leaseName;

  /** The probe and metrics ports must differ (0, a free port each, excepted). */
  public void checkPorts() {
    if (metricsPort != 0 && metricsPort == httpPort) {
      throw new IllegalArgumentException("--metrics-port and --http-port must differ, both are " + httpPort);
    }
  }

  /** The staging bucket's template must name one bucket per account and region. */
  public void checkCodeStagingBucket() {
    StagingBucketName.checkTemplate(codeStagingBucket);
  }

  public Optional<URI> awsEndpointUri() {
    return awsEndpoint == null || awsEndpoint.isBlank() ? Optional.empty() : Optional.of(URI.create(awsEndpoint));
  }

  public AdministratorAllowances allowances() {
    return new AdministratorAllowances(functionPermissionsBoundary, allowPipelineEndpoints,
        allowedPipelineEndpoints == null ? List.of() : allowedPipelineEndpoints,
        allowedKmsKeys == null ? Set.of() : allowedKmsKeys.stream().map(String::trim).filter(k -> !k.isEmpty())
            .collect(Collectors.toSet()),
        allowCrossAccountAlarmTopics, ResourceTags.parseDefaults(defaultTags))
        .withAllowedAssumeRoles(allowedAssumeRoles == null ? List.of()
            : allowedAssumeRoles.stream().map(String::trim).filter(r -> !r.isEmpty()).toList());
  }

  /** The label selector of the pipelines to reconcile; empty: all. */
  public Optional<String> labelSelector() {
    return selector == null || selector.isBlank() ? Optional.empty() : Optional.of(selector.trim());
  }

  public List<String> watchedNamespaces() {
    return namespaces == null ? List.of() : namespaces.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
