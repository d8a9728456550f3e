package dev.finpipe.operator.aws.function;

import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ResourceManager;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.support.AwsErrors;
import dev.finpipe.operator.support.TerminalException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.DeadLetterConfig;
import software.amazon.awssdk.services.lambda.model.Environment;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TracingConfig;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * A Lambda function: runtime, handler, role, code (by {@code CodeSha256}), memory, timeout, environment,
 * X-Ray tracing, dead-letter target, KMS key and tags.
 *
 * <p><b>Write-only fields.</b> Some services accept a field but do not echo it back (the AWS emulator drops
 * {@code DeadLetterConfig} on read). Re-writing such a field on every resync would cost a mutating call per
 * reconcile forever. So the values of {@code DeadLetterConfig} and {@code KMSKeyArn} we last wrote are
 * recorded as a fingerprint tag ({@value #FINGERPRINT_TAG}) written after the values themselves. A value
 * that is echoed is compared directly (an out-of-band change to another value is corrected). A value that
 * is absent counts as converged only while the fingerprint matches the desired values: a desired change
 * is always written. This leniency applies only against a custom endpoint (an emulator): AWS echoes both
 * fields, so there an absent value is drift (an out-of-band removal is put back).
 * Steady state costs zero mutating calls both against the emulator and against AWS.
 */
public final class FunctionManager implements ResourceManager<DesiredFunction, ObservedFunction> {
  static final String FINGERPRINT_TAG = "finpipe.dev/write-only-config";
  private static final Set<String> CONFIG_FIELDS = Set.of("runtime", "handler", "role", "memorySize", "timeout",
      "environment", "tracingConfig", "deadLetterConfig", "kmsKeyArn");

  private final LambdaClient lambda;
  private final FunctionTags tags;
  private final boolean trustFingerprintForAbsentValues;
  private final LambdaWaiter waiter;

  public FunctionManager(AwsClients clients) {
    this(clients, new FunctionTags(clients.lambda()));
  }

  /** {@code tags}: the pass's record of function tags, shared with the permission and invoke-config managers. */
  public FunctionManager(AwsClients clients, FunctionTags tags) {
    this(clients.lambda(), tags, clients.target().endpoint().isPresent());
  }

  /** {@code trustFingerprintForAbsentValues}: the service may not echo write-only fields (class comment). */
  FunctionManager(LambdaClient lambda, FunctionTags tags, boolean trustFingerprintForAbsentValues) {
    this.lambda = lambda;
    this.tags = tags;
    this.trustFingerprintForAbsentValues = trustFingerprintForAbsentValues;
    // The SDK's waiters poll GetFunction (1 s apart, up to 5 min) for State / LastUpdateStatus.
    this.waiter = LambdaWaiter.builder().client(lambda).build();
  }

  @Override
  public Optional<ObservedFunction> observe(DesiredFunction desired) {
    GetFunctionResponse function;
    try {
      function = lambda.getFunction(r -> r.functionName(desired.functionName()));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsErrors.classify("GetFunction " + desired.functionName(), e);
    }
    FunctionConfiguration config = function.configuration();
    // GetFunction returns the tags unless the caller may not list them (or there are none): then ask.
    if (function.hasTags() && !function.tags().isEmpty()) {
      tags.record(config.functionArn(), function.tags());
    } else {
      tags.forget(config.functionArn());
    }
    return Optional.of(new ObservedFunction(config, tags.of(config.functionArn())));
  }

  @Override
  public Map<String, String> tagsOf(ObservedFunction observed) {
    return observed.tags();
  }

  @Override
  public ObservedFunction create(DesiredFunction d) {
    byte[] code = verifiedCode(d);
    try {
      lambda.createFunction(r -> r.functionName(d.functionName()).runtime(d.runtime()).handler(d.handler())
          .role(d.roleArn()).code(c -> c.zipFile(SdkBytes.fromByteArray(code)))
          .memorySize(d.memoryMb()).timeout(d.timeoutSeconds())
          .environment(Environment.builder().variables(d.environment()).build())
          .tracingConfig(TracingConfig.builder().mode(d.tracingMode()).build())
          .deadLetterConfig(d.deadLetterTargetArn() == null ? null
              : DeadLetterConfig.builder().targetArn(d.deadLetterTargetArn()).build())
          .kmsKeyArn(d.kmsKeyArn())
          .tags(desiredTags(d)));
    } catch (SdkException e) {
      throw AwsErrors.classify("CreateFunction " + d.functionName(), e);
    }
    waitActive(d.functionName());
    return observe(d).orElseThrow(() -> new IllegalStateException("function vanished after create"));
  }

  @Override
  public List<FieldDrift> diff(DesiredFunction d, ObservedFunction observed) {
    FunctionConfiguration c = observed.configuration();
    List<FieldDrift> drift = new ArrayList<>();
    compare(drift, "runtime", d.runtime(), c.runtimeAsString());
    compare(drift, "handler", d.handler(), c.handler());
    compare(drift, "role", d.roleArn(), c.role());
    compare(drift, "memorySize", d.memoryMb(), c.memorySize());
    compare(drift, "timeout", d.timeoutSeconds(), c.timeout());
    Map<String, String> env = c.environment() == null || c.environment().variables() == null
        ? Map.of() : c.environment().variables();
    compare(drift, "environment", d.environment(), env);
    compare(drift, "tracingConfig", d.tracingMode(),
        c.tracingConfig() == null ? "PassThrough" : c.tracingConfig().modeAsString());
    boolean fingerprintMatches = trustFingerprintForAbsentValues
        && fingerprint(d).equals(observed.tags().get(FINGERPRINT_TAG));
    writeOnly(drift, "deadLetterConfig", d.deadLetterTargetArn(),
        c.deadLetterConfig() == null ? null : c.deadLetterConfig().targetArn(), fingerprintMatches);
    writeOnly(drift, "kmsKeyArn", d.kmsKeyArn(), c.kmsKeyArn(), fingerprintMatches);
    compare(drift, "codeSha256", d.codeSha256(), c.codeSha256());
    Map<String, String> missingTags = missingTags(desiredTags(d), observed.tags());
    if (!missingTags.isEmpty()) {
      drift.add(FieldDrift.of("tags", missingTags.keySet(), "absent or different"));
    }
    return drift;
  }

  @Override
  public void update(DesiredFunction d, ObservedFunction observed, List<FieldDrift> drift) {
    Set<String> fields = drift.stream().map(FieldDrift::field).collect(Collectors.toSet());
    // Lambda rejects a change while another is in progress (ResourceConflictException): wait in between.
    waitUpdated(d.functionName());
    if (fields.contains("codeSha256")) {
      byte[] code = verifiedCode(d);
      call("UpdateFunctionCode", d, () -> lambda.updateFunctionCode(
          r -> r.functionName(d.functionName()).zipFile(SdkBytes.fromByteArray(code))));
      waitUpdated(d.functionName());
    }
    if (fields.stream().anyMatch(CONFIG_FIELDS::contains)) {
      UpdateFunctionConfigurationRequest.Builder r = UpdateFunctionConfigurationRequest.builder()
          .functionName(d.functionName());
      if (fields.contains("runtime")) {
        r.runtime(d.runtime());
      }
      if (fields.contains("handler")) {
        r.handler(d.handler());
      }
      if (fields.contains("role")) {
        r.role(d.roleArn());
      }
      if (fields.contains("memorySize")) {
        r.memorySize(d.memoryMb());
      }
      if (fields.contains("timeout")) {
        r.timeout(d.timeoutSeconds());
      }
      if (fields.contains("environment")) {
        r.environment(Environment.builder().variables(d.environment()).build());
      }
      if (fields.contains("tracingConfig")) {
        r.tracingConfig(TracingConfig.builder().mode(d.tracingMode()).build());
      }
      if (fields.contains("deadLetterConfig")) {
        // An empty target removes the dead-letter queue.
        r.deadLetterConfig(DeadLetterConfig.builder()
            .targetArn(Objects.requireNonNullElse(d.deadLetterTargetArn(), "")).build());
      }
      if (fields.contains("kmsKeyArn")) {
        r.kmsKeyArn(Objects.requireNonNullElse(d.kmsKeyArn(), ""));
      }
      call("UpdateFunctionConfiguration", d, () -> lambda.updateFunctionConfiguration(r.build()));
      waitUpdated(d.functionName());
    }
    // Tags last: the fingerprint tag may only claim values that were written successfully.
    Map<String, String> missingTags = missingTags(desiredTags(d), observed.tags());
    if (fields.contains("deadLetterConfig") || fields.contains("kmsKeyArn")) {
      missingTags.put(FINGERPRINT_TAG, fingerprint(d));
    }
    if (!missingTags.isEmpty()) {
      tags.forget(observed.functionArn());
      call("TagResource", d, () -> lambda.tagResource(r -> r.resource(observed.functionArn()).tags(missingTags)));
    }
  }

  @Override
  public String nameOf(DesiredFunction desired) {
    return desired.functionName();
  }

  @Override
  public String arnOf(DesiredFunction desired, ObservedFunction observed) {
    return observed.functionArn();
  }

  @Override
  public String kind() {
    return "Lambda function";
  }

  @Override
  public void delete(DesiredFunction desired, ObservedFunction observed) {
    tags.forget(observed.functionArn());
    try {
      lambda.deleteFunction(r -> r.functionName(observed.functionArn()));
    } catch (ResourceNotFoundException e) {
      // already gone
    } catch (SdkException e) {
      throw AwsErrors.classify("DeleteFunction " + desired.functionName(), e);
    }
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

  private static void compare(List<FieldDrift> drift, String field, Object desired, Object actual) {
    if (!Objects.equals(desired, actual)) {
      drift.add(FieldDrift.of(field, desired, actual));
    }
  }

  /** See the class comment: an absent value may be trusted only while our fingerprint says we wrote it. */
  private static void writeOnly(List<FieldDrift> drift, String field, String desired, String actual,
                                boolean fingerprintMatches) {
    String want = blankToNull(desired);
    String have = blankToNull(actual);
    if (Objects.equals(want, have) || (have == null && fingerprintMatches)) {
      return;
    }
    drift.add(have == null ? FieldDrift.missing(field, want) : FieldDrift.of(field, want, have));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static Map<String, String> missingTags(Map<String, String> desired, Map<String, String> actual) {
    Map<String, String> missing = new LinkedHashMap<>();
    desired.forEach((k, v) -> {
      if (!v.equals(actual.get(k))) {
        missing.put(k, v);
      }
    });
    return missing;
  }

  private static byte[] verifiedCode(DesiredFunction d) {
    byte[] code = d.code().get();
    String actual = DesiredFunction.sha256Base64(code);
    if (!actual.equals(d.codeSha256())) {
      // Deploying it anyway would report code drift on every reconcile.
      throw new TerminalException("InvalidConfiguration", "code of " + d.functionName() + " has SHA-256 "
          + actual + " but " + d.codeSha256() + " was declared");
    }
    return code;
  }

  private void waitActive(String functionName) {
    try {
      waiter.waitUntilFunctionActiveV2(r -> r.functionName(functionName));
    } catch (SdkException e) {
      throw AwsErrors.classify("waiting for " + functionName + " to become Active", e);
    }
  }

  private void waitUpdated(String functionName) {
    try {
      waiter.waitUntilFunctionUpdatedV2(r -> r.functionName(functionName));
    } catch (SdkException e) {
      throw AwsErrors.classify("waiting for the last update of " + functionName, e);
    }
  }

  private static void call(String action, DesiredFunction d, Runnable request) {
    try {
      request.run();
    } catch (SdkException e) {
      throw AwsErrors.classify(action + " " + d.functionName(), e);
    }
  }
}
