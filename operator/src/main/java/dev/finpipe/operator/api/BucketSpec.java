package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** The pipeline's S3 bucket. Always encrypted with aws:kms + bucket key, public access blocked, TLS only. */
@ValidationRule(value = "!self.adopt || has(self.name)",
    message = "spec.bucket.adopt needs spec.bucket.name: the existing bucket to adopt is named, never guessed")
public class BucketSpec {
  @Pattern("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")
  @JsonPropertyDescription("Bucket name (3-63 lowercase letters, digits, dots, hyphens). Default: derived from "
      + "namespace, name, environment, account and region. Immutable.")
  public String name;

  @Default("30")
  @Min(1)
  @Max(3650)
  @JsonPropertyDescription("Days after which processed files (processed/ prefix) expire. Default 30.")
  public int processedExpirationDays = 30;

  @Pattern("^arn:aws(-cn|-us-gov)?:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$")
  @JsonPropertyDescription("Customer managed KMS key ARN (not an alias) for bucket encryption, in the pipeline's region and account. Default: the AWS managed key "
      + "aws/s3.")
  public String kmsKeyArn;

  @Default("false")
  @JsonPropertyDescription("Adopt the existing bucket spec.bucket.name (with its objects) instead of creating one. "
      + "It must exist in the pipeline's account and carry no finpipe.dev/ tag (a bucket of another pipeline is "
      + "never adopted). The operator then tags it and takes over its default encryption, public access block, "
      + "lifecycle rules (replaced: objects under processed/ then expire after processedExpirationDays) and bucket "
      + "policy (replaced by the TLS-only policy); other tags and notifications are kept. See docs/ADOPTION.md.")
  public boolean adopt;
}
