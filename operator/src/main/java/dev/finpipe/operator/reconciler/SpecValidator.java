package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.AwsAccess;
import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.policy.AdministratorAllowances;
import dev.finpipe.operator.policy.AlarmMath;
import dev.finpipe.operator.policy.Arns;
import dev.finpipe.operator.policy.ResourceNames;
import dev.finpipe.operator.policy.ResourceTags;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the CRD schema cannot express. Runs before any AWS write; a non-empty result marks the pipeline
 * InvalidSpec and nothing is created.
 */
public final class SpecValidator {
  private SpecValidator() {
  }

  /** Problems found without knowing the AWS account. */
  public static List<String> problems(FinancialPipelineSpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec == null || spec.region == null) {
      problems.add("spec.region is required");
      return problems;
    }
    try {
      Arns.partitionOf(spec.region);
    } catch (IllegalArgumentException e) {
      problems.add("spec.region: " + e.getMessage());
    }
    String bucket = spec.bucketOrDefault().name;
    if (bucket != null) {
      ResourceNames.bucketNameProblem(bucket).ifPresent(p -> problems.add("spec.bucket.name: " + p));
    }
    String endpoint = spec.awsOrDefault().endpoint;
    if (endpoint != null) {
      try {
        URI uri = new URI(endpoint);
        if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
          problems.add("spec.aws.endpoint must be an http(s) URL with a host: " + endpoint);
        } else if (uri.getPort() > 65535) {
          problems.add("spec.aws.endpoint: port " + uri.getPort() + " is out of range (1-65535)");
        }
      } catch (URISyntaxException e) {
        problems.add("spec.aws.endpoint is not a URL: " + e.getMessage());
      }
    }
    var alarms = spec.alarmsOrDefault();
    if (alarms.datapointsToAlarm != null && alarms.datapointsToAlarm > alarms.evaluationPeriods) {
      problems.add("spec.alarms.datapointsToAlarm must not exceed spec.alarms.evaluationPeriods");
    }
    // The CRD's rules, again for objects stored before them (AlarmMath refuses the same).
    long range = (long) alarms.periodSeconds * alarms.evaluationPeriods;
    if (alarms.periodSeconds < 60 || alarms.periodSeconds % 60 != 0) {
      problems.add("spec.alarms.periodSeconds must be a multiple of 60 (Lambda metrics have 1-minute resolution)");
    } else if (range > (alarms.periodSeconds < 3600 ? AlarmMath.MAX_RANGE_SHORT_PERIOD_SECONDS
        : AlarmMath.MAX_RANGE_SECONDS)) {
      problems.add("spec.alarms.periodSeconds × spec.alarms.evaluationPeriods must not exceed 86400 (one day) "
          + "when the period is under an hour, 604800 (seven days) otherwise");
    }
    return problems;
  }

  /**
   * AWS's tag rules on spec.tags (again, for objects stored before the CRD had them), and spec.tags with the
   * administrator's default tags few enough to fit on one resource, which admission cannot know.
   */
  public static List<String> tagProblems(FinancialPipelineSpec spec, AdministratorAllowances allowances) {
    List<String> problems = new ArrayList<>(ResourceTags.problems("spec.tags", spec.tags));
    if (problems.isEmpty()) {
      ResourceTags.countProblem(spec.tags, allowances.defaultTags()).ifPresent(problems::add);
    }
    return problems;
  }

  /**
   * An endpoint override in the spec sends signed requests to that host, and SigV4 sends the access key id and
   * session token in clear: whichever credentials are used (the operator's or a Secret's), the endpoint must be
   * one the operator's administrator allows. Checked before any Secret is read or any request is made.
   */
  public static List<String> endpointProblems(FinancialPipelineSpec spec, AdministratorAllowances allowances) {
    var aws = spec.awsOrDefault();
    if (aws.endpoint == null || allowances.endpointAllowed(URI.create(aws.endpoint))) {
      return List.of();
    }
    return List.of("spec.aws.endpoint " + aws.endpoint + " is not an endpoint the operator's administrator allows "
        + "(--allowed-pipeline-endpoints); requests to it would carry AWS credentials, so none is sent");
  }

  /**
   * What the operator's administrator must allow before any AWS request for the spec: its endpoint and the role it
   * assumes. Checked before any Secret is read or any request is made.
   */
  public static List<String> administratorProblems(FinancialPipelineSpec spec, AdministratorAllowances allowances) {
    List<String> problems = new ArrayList<>(endpointProblems(spec, allowances));
    problems.addAll(roleProblems(spec, allowances));
    return problems;
  }

  /**
   * {@code spec.aws.roleArn}: the CRD's pattern again (for objects stored before it), in the partition of the
   * pipeline's region (STS issues credentials only for roles of its own partition), and allowed by the operator's
   * administrator. An ExternalId without a role would be silently unused. Partitions: "a credential issued in one
   * partition isn't valid in another ... direct role assumption with the AssumeRole API doesn't work across partition
   * boundaries", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_outbound_cross_partition.html.
   */
  public static List<String> roleProblems(FinancialPipelineSpec spec, AdministratorAllowances allowances) {
    var aws = spec.awsOrDefault();
    if (aws.roleArn == null) {
      return aws.externalId == null ? List.of()
          : List.of("spec.aws.externalId is sent only with spec.aws.roleArn: set roleArn or remove externalId");
    }
    if (!aws.roleArn.matches(AwsAccess.ROLE_ARN)) {
      return List.of("spec.aws.roleArn is not an IAM role ARN (arn:<partition>:iam::<12-digit account>:role/<name>): "
          + aws.roleArn);
    }
    if (aws.externalId != null && (!aws.externalId.matches(AwsAccess.EXTERNAL_ID)
        || aws.externalId.length() < AwsAccess.EXTERNAL_ID_MIN || aws.externalId.length() > AwsAccess.EXTERNAL_ID_MAX)) {
      return List.of("spec.aws.externalId must be 2-1224 characters of letters, digits and _+=,.@:/- (STS "
          + "AssumeRole)");
    }
    String rolePartition = aws.roleArn.split(":")[1];
    String regionPartition = Arns.partitionOf(spec.region);
    if (!rolePartition.equals(regionPartition)) {
      return List.of("spec.aws.roleArn is in partition " + rolePartition + " but spec.region " + spec.region
          + " is in " + regionPartition + "; a role can be assumed only within its partition");
    }
    return allowances.assumeRoleProblem(aws.roleArn).map(p -> List.of("spec.aws." + p)).orElse(List.of());
  }

  /** Problems with ARNs the user gave, which must live in the pipeline's partition, region and account. */
  public static List<String> arnProblems(FinancialPipelineSpec spec, Arns arns, AdministratorAllowances allowances) {
    List<String> problems = new ArrayList<>();
    String kms = spec.bucketOrDefault().kmsKeyArn;
    if (kms != null) {
      arns.kmsKeyArnProblem(kms).or(() -> allowances.kmsKeyProblem(kms))
          .ifPresent(p -> problems.add("spec.bucket." + p));
    }
    List<String> actions = spec.alarmsOrDefault().actions;
    if (actions != null) {
      actions.forEach(a -> arns.snsTopicArnProblem(a)
          .or(() -> allowances.alarmTopicProblem(a, a.split(":")[4], arns.accountId()))
          .ifPresent(p -> problems.add("spec.alarms.actions: " + p)));
    }
    return problems;
  }
}
