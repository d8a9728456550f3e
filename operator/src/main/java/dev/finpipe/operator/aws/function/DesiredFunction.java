package dev.finpipe.operator.aws.function;

import dev.finpipe.operator.aws.Desired;
import dev.finpipe.operator.support.Required;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Desired state of one Lambda function. Names and ARNs arrive already computed. The code is loaded lazily
 * ({@code code} is only called to create the function or to correct code drift); {@code codeSha256} is the
 * base64 SHA-256 of those bytes, which is what Lambda reports as {@code CodeSha256}.
 *
 * @param deadLetterTargetArn the function's SQS DLQ ARN; null for none
 * @param kmsKeyArn customer managed key for the environment variables; null for the AWS managed key
 * @param tags ownership tags ({@code Ownership.tags()}) plus any others
 */
public record DesiredFunction(String functionName, String runtime, String handler, String roleArn,
                                 Supplier<byte[]> code, String codeSha256, int memoryMb, int timeoutSeconds,
                                 Map<String, String> environment, boolean tracingActive,
                                 String deadLetterTargetArn, String kmsKeyArn, Map<String, String> tags)
    implements Desired {
  public static final String JAVA_21 = "java21";

  public DesiredFunction {
    Required.present("functionName", functionName, "runtime", runtime, "handler", handler, "roleArn", roleArn,
        "code", code, "codeSha256", codeSha256);
    environment = Map.copyOf(environment == null ? Map.of() : environment);
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags == null ? Map.of() : tags));
  }

  public String tracingMode() {
    return tracingActive ? "Active" : "PassThrough";
  }

  /** The base64 SHA-256 of a deployment package, as Lambda computes {@code CodeSha256}. */
  public static String sha256Base64(byte[] code) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(code));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public String name() {
    return functionName;
  }
}
