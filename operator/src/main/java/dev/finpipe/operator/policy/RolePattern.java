package dev.finpipe.operator.policy;

import java.util.regex.Pattern;

/**
 * A role ARN pattern of {@code --allowed-assume-roles}: literal text where {@code *} stands for any run of
 * characters within one colon-separated part of the ARN, as in {@code arn:aws:iam::*:role/finpipe-*}. A wildcard
 * never reaches across a colon, so {@code arn:aws:iam::123456789012:role/*} cannot match another account's role.
 * Pure: table-tested.
 */
final class RolePattern {
  private RolePattern() {
  }

  static boolean matches(String pattern, String roleArn) {
    return toRegex(pattern.trim()).matcher(roleArn).matches();
  }

  private static Pattern toRegex(String pattern) {
    StringBuilder regex = new StringBuilder();
    int from = 0;
    for (int star = pattern.indexOf('*'); star >= 0; star = pattern.indexOf('*', from)) {
      regex.append(Pattern.quote(pattern.substring(from, star))).append("[^:]*");
      from = star + 1;
    }
    return Pattern.compile(regex.append(Pattern.quote(pattern.substring(from))).toString());
  }
}
