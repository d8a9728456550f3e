package dev.finpipe.operator.support;

import java.util.regex.Pattern;

/**
 * The shape of an AWS access key id: 16 to 128 word characters (IAM API Reference, "AccessKey" data type,
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_AccessKey.html), starting with {@code AKIA} (an
 * access key) or {@code ASIA} (temporary STS credentials) ("IAM identifiers", unique identifier prefixes,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids).
 * Anything else read from a Secret is not sent: SigV4 carries the access key id in clear.
 */
public final class AccessKeyFormat {
  private static final Pattern ACCESS_KEY_ID = Pattern.compile("(AKIA|ASIA)[A-Z0-9]{12,124}");

  private AccessKeyFormat() {
  }

  public static boolean isAccessKeyId(String value) {
    return value != null && ACCESS_KEY_ID.matcher(value).matches();
  }
}
