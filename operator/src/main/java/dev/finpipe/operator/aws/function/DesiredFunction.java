package dev.finpipe.operator.aws.function;

import dev.finpipe.operator.aws.Desired;
import dev.finpipe.operator.aws.codestaging.StreamSha256;
import dev.finpipe.operator.support.Required;
import java.io.ByteArrayInputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Desired state of one Lambda function. Names and ARNs arrive already computed. The code is staged lazily (only
 * to create the function or to correct code drift); {@link #codeSha256} is what Lambda reports as
 * {@code CodeSha256} for it.
 *
 * @param deadLetterTargetArn the function's SQS DLQ ARN; null for none
 * @param kmsKeyArn customer managed key for the environment variables; null for the AWS managed key
 * @param tags ownership tags ({@code Ownership.tags()}) plus any others
 */
public record DesiredFunction(String functionName, String runtime, String handler, String roleArn,
                                 CodeSource code, int memoryMb, int timeoutSeconds,
                                 Map<String, String> environment, boolean tracingActive,
                                 String deadLetterTargetArn, String kmsKeyArn, Map<String, String> tags)
    implements Desired {
  public static final String JAVA_21 = "java21";

  public DesiredFunction {
    Required.present("functionName", functionName, "runtime", runtime, "handler", handler, "roleArn", roleArn,
        "code", code);
    environment = Map.copyOf(environment == null ? Map.of() : environment);
    tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags == null ? Map.of() : tags));
  }

  /** The base64 SHA-256 of the code. */
  public String codeSha256() {
    return code.sha256();
  }

  public String tracingMode() {
    return tracingActive ? "Active" : "PassThrough";
  }

  /** The base64 SHA-256 of a deployment package, as Lambda computes {@code CodeSha256}. */
  public static String sha256Base64(byte[] code) {
    return StreamSha256.of(new ByteArrayInputStream(code)).base64();
  }

  @Override
  public String name() {
    return functionName;
  }
}
