package dev.finpipe.operator.aws.codestaging;

import java.util.regex.Pattern;

/**
 * The name of the bucket the operator stages function code in, one per account and region: a template with
 * {@code {account}} and {@code {region}}. Both are required: Lambda reads code only from a bucket in the
 * function's region, and bucket names are global, so one name cannot serve two accounts or regions.
 */
public final class StagingBucketName {
  public static final String ACCOUNT = "{account}";
  public static final String REGION = "{region}";
  public static final String DEFAULT_TEMPLATE = "finpipe-code-" + ACCOUNT + "-" + REGION;
  /** S3's general purpose bucket naming rules (3–63 lowercase letters, digits, dots and hyphens). */
  private static final Pattern VALID = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
  /** The longest region name today (e.g. ap-southeast-5, us-gov-west-1, eu-isoe-west-1) plus a margin. */
  private static final String LONGEST_REGION = "aa-aaaaaaaaaaaaaa-1";

  private StagingBucketName() {
  }

  /** Refuses a template that cannot give a valid, per-account, per-region name. */
  public static String checkTemplate(String template) {
    if (template == null || !template.contains(ACCOUNT) || !template.contains(REGION)) {
      throw new IllegalArgumentException("--code-staging-bucket must contain " + ACCOUNT + " and " + REGION
          + " (one bucket per account and region), got: " + template);
    }
    String longest = of(template, "123456789012", LONGEST_REGION);
    if (!VALID.matcher(longest).matches() || longest.contains("..")) {
      throw new IllegalArgumentException("--code-staging-bucket " + template + " does not give a valid S3 bucket "
          + "name (3-63 lowercase letters, digits, dots and hyphens), e.g. " + longest);
    }
    return template;
  }

  public static String of(String template, String accountId, String region) {
    return template.replace(ACCOUNT, accountId).replace(REGION, region);
  }
}
