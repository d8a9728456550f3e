package dev.finpipe.operator.aws.function;

import dev.finpipe.operator.aws.Drift;
import dev.finpipe.operator.aws.FieldDrift;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fields some endpoints accept but do not echo back (the AWS emulator drops {@code DeadLetterConfig} on read).
 * Re-writing such a field on every resync would cost a mutating call per reconcile forever. So the values of
 * {@code DeadLetterConfig} and {@code KMSKeyArn} last written are recorded as a fingerprint tag
 * ({@value #FINGERPRINT_TAG}) written after the values themselves. A value that is echoed is compared directly
 * (an out-of-band change to another value is corrected). A value that is absent counts as converged only while
 * the fingerprint matches the desired values, and only against a custom endpoint (an emulator): AWS echoes both
 * fields, so there an absent value is drift (an out-of-band removal is put back). Pure: no AWS calls.
 */
final class WriteOnlyFields {
  static final String FINGERPRINT_TAG = "finpipe.dev/write-only-config";

  private WriteOnlyFields() {
  }

  /** The tags a function must carry: the desired ones plus the fingerprint of the write-only fields. */
  static Map<String, String> desiredTags(DesiredFunction d) {
    Map<String, String> tags = new LinkedHashMap<>(d.tags());
    tags.put(FINGERPRINT_TAG, fingerprint(d));
    return tags;
  }

  /** A short digest of the values of the fields that a service may accept but not echo back. */
  static String fingerprint(DesiredFunction d) {
    String values = "dlq=" + Objects.requireNonNullElse(d.deadLetterTargetArn(), "")
        + "\nkms=" + Objects.requireNonNullElse(d.kmsKeyArn(), "");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(values.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Records a write-only field's drift; an absent value is trusted only while {@code fingerprintMatches}. */
  static void compare(Drift drift, FunctionField field, String desired, String actual, boolean fingerprintMatches) {
    String want = blankToNull(desired);
    String have = blankToNull(actual);
    if (!Objects.equals(want, have) && !(have == null && fingerprintMatches)) {
      drift.add(FieldDrift.of(field, want, have));
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
