package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.finpipe.operator.policy.Arns;
import dev.finpipe.operator.policy.ResourceTags;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** The desired pipeline. Fields that determine AWS resource names are immutable (CEL rules below). */
// The tags' values: AWS's length bound, which also bounds the cost of the CEL rule on their characters.
@SchemaCustomizer(value = SchemaMerge.class, input = "{\"properties\": {\"tags\": {\"additionalProperties\": "
    + "{\"maxLength\": " + ResourceTags.MAX_VALUE_LENGTH + "}}}}")
@ValidationRule(value = "self.region == oldSelf.region",
    message = "spec.region is immutable: create a new FinancialPipeline to move a pipeline to another region")
@ValidationRule(value = "self.environment == oldSelf.environment",
    message = "spec.environment is immutable: it is part of every AWS resource name")
@ValidationRule(value = "(has(self.bucket) && has(self.bucket.name) ? self.bucket.name : '')"
    + " == (has(oldSelf.bucket) && has(oldSelf.bucket.name) ? oldSelf.bucket.name : '')",
    message = "spec.bucket.name is immutable: a bucket cannot be renamed")
public class FinancialPipelineSpec {

  @Required
  @Pattern(Arns.REGION_PATTERN)
  @JsonPropertyDescription("AWS region of every resource of the pipeline, e.g. eu-west-1 (GovCloud and China included, isolated "
      + "regions not). Immutable.")
  public String region;

  @Default("dev")
  @Pattern("^[a-z][a-z0-9]{0,11}$")
  @JsonPropertyDescription("Environment name (lowercase letters and digits, at most 12, starting with a letter); "
      + "a suffix of every AWS resource name. Immutable.")
  public String environment = "dev";

  @JsonPropertyDescription("How the operator reaches AWS. Default: the AWS default credential chain of the "
      + "operator's pod (IRSA / EKS Pod Identity) and the public AWS endpoints.")
  public AwsAccess aws;

  @JsonPropertyDescription("The S3 bucket that holds incoming, processed, status and result files.")
  public BucketSpec bucket;

  @JsonPropertyDescription("The four Lambda functions: upload, status, results and processor.")
  public FunctionsSpec functions;

  @JsonPropertyDescription("The SQS dead-letter queues, one per function.")
  public QueuesSpec queues;

  @JsonPropertyDescription("The API Gateway REST API in front of the upload, status and results functions.")
  public ApiSpec api;

  @JsonPropertyDescription("CloudWatch error-rate alarms, one per function.")
  public AlarmsSpec alarms;

  @JsonPropertyDescription("Publish the pipeline's outputs (API URL and stage, region, bucket name and ARN, "
      + "function ARNs, dead-letter queue URLs) in a ConfigMap of this namespace for applications (envFrom), kept "
      + "up to date and deleted with the pipeline. Absent: no ConfigMap. See docs/OUTPUTS.md.")
  public OutputsSpec outputs;

  @Size(max = ResourceTags.MAX_USER_TAGS)
  @ValidationRule(value = "self.all(k, k.size() >= 1 && k.size() <= 128)",
      message = "spec.tags keys have 1 to 128 characters")
  @ValidationRule(value = "self.all(k, !k.startsWith('" + ResourceTags.RESERVED_PREFIX + "'))",
      message = "spec.tags keys starting with " + ResourceTags.RESERVED_PREFIX + " are reserved for the operator's "
          + "own tags")
  @ValidationRule(value = "self.all(k, !k.matches(r'" + ResourceTags.AWS_PREFIX + "'))",
      message = "spec.tags keys starting with aws: (in any case) are reserved by AWS")
  @ValidationRule(value = "self.all(k, k.matches(r'^" + ResourceTags.CHARACTERS + "*$'))",
      message = "spec.tags keys may contain only letters, digits, spaces and _ . : / = + - @")
  @ValidationRule(value = "self.all(k, self[k].matches(r'^" + ResourceTags.CHARACTERS + "*$'))",
      message = "spec.tags values may contain only letters, digits, spaces and _ . : / = + - @")
  @JsonPropertyDescription("Tags put on every AWS resource of the pipeline, beside the operator's ownership tags "
      + "(finpipe.dev/*) and over the operator's default tags (--default-tags) of the same key. AWS's rules: a key "
      + "of 1-128 characters, a value of at most 256, letters, digits, spaces and _ . : / = + - @; the prefixes "
      + "aws: and finpipe.dev/ are reserved; at most " + ResourceTags.MAX_USER_TAGS + " together with the default "
      + "tags. A tag removed or changed on AWS is put back. A key removed from here stays on the resources: the "
      + "operator never removes a tag, since it cannot tell it from one added by someone else.")
  public Map<String, String> tags;

  @Default("Retain")
  @JsonPropertyDescription("What happens to resources that hold data (bucket and objects, dead-letter queues "
      + "with messages) when this resource is deleted. Retain (default) keeps them; Delete removes them, but "
      + "never a bucket that still holds objects.")
  public DeletionPolicy deletionPolicy = DeletionPolicy.Retain;

  @Default("false")
  @JsonPropertyDescription("When true the operator makes no AWS call at all for this pipeline until unpaused.")
  public boolean paused;

  @Default("false")
  @JsonPropertyDescription("When true the operator only reads AWS and reports drift in status; it writes nothing.")
  public boolean observeOnly;

  @Default("Automatic")
  @JsonPropertyDescription("Automatic (default): every pass converges AWS to the spec and corrects drift. Manual: "
      + "a pass only reads AWS and writes the plan (create / update with the fields / delete, per resource) to "
      + "status.plan with its hash and the PlanPending condition; it is applied once the annotation "
      + "finpipe.dev/approve-plan carries that hash. A first creation is a plan too; deleting the "
      + "FinancialPipeline is not gated; observeOnly takes precedence.")
  public ChangePolicy changePolicy = ChangePolicy.Automatic;

  public BucketSpec bucketOrDefault() {
    return bucket == null ? new BucketSpec() : bucket;
  }

  public FunctionsSpec functionsOrDefault() {
    return functions == null ? new FunctionsSpec() : functions;
  }

  public QueuesSpec queuesOrDefault() {
    return queues == null ? new QueuesSpec() : queues;
  }

  public ApiSpec apiOrDefault() {
    return api == null ? new ApiSpec() : api;
  }

  public AlarmsSpec alarmsOrDefault() {
    return alarms == null ? new AlarmsSpec() : alarms;
  }

  public AwsAccess awsOrDefault() {
    return aws == null ? new AwsAccess() : aws;
  }
}
