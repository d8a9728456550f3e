package dev.finpipe.operator.aws.function;

import static dev.finpipe.operator.aws.function.FunctionField.CODE;
import static dev.finpipe.operator.aws.function.FunctionField.DEAD_LETTER;
import static dev.finpipe.operator.aws.function.FunctionField.ENVIRONMENT;
import static dev.finpipe.operator.aws.function.FunctionField.HANDLER;
import static dev.finpipe.operator.aws.function.FunctionField.KMS_KEY;
import static dev.finpipe.operator.aws.function.FunctionField.MEMORY;
import static dev.finpipe.operator.aws.function.FunctionField.ROLE;
import static dev.finpipe.operator.aws.function.FunctionField.RUNTIME;
import static dev.finpipe.operator.aws.function.FunctionField.TAGS;
import static dev.finpipe.operator.aws.function.FunctionField.TIMEOUT;
import static dev.finpipe.operator.aws.function.FunctionField.TRACING;

import dev.finpipe.operator.aws.AbstractResourceManager;
import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.Drift;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.Plan;
import dev.finpipe.operator.aws.TagDiff;
import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.codestaging.CodeObject;
import dev.finpipe.operator.aws.codestaging.StagingBucketName;
import dev.finpipe.operator.support.RetryableException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.core.waiters.WaiterResponse;
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
 * X-Ray tracing, dead-letter target, KMS key and tags ({@link FunctionField}). Fields an endpoint may not echo
 * are compared as {@link WriteOnlyFields} says. Lambda reads the code from S3, located by the operator-wide
 * {@link CodeUploads}.
 */
public final class FunctionManager extends AbstractResourceManager<DesiredFunction, ObservedFunction, LambdaClient> {
  public static final String KIND = "Lambda function";
  private final AwsClients clients;
  private final FunctionTags tags;
  private final boolean trustFingerprintForAbsentValues;
  private final CodeUploads uploads;
  private final LambdaWaiter waiter;

  /** Stages code in the default staging bucket ({@link StagingBucketName#DEFAULT_TEMPLATE}). */
  public FunctionManager(AwsClients clients) {
    this(clients, new FunctionTags(clients.lambda()), new CodeUploads(StagingBucketName.DEFAULT_TEMPLATE));
  }

  /** {@code tags}: the pass's record of function tags, shared with the permission and invoke-config managers. */
  public FunctionManager(AwsClients clients, FunctionTags tags, CodeUploads uploads) {
    this(clients.lambda(), clients, tags, clients.target().endpoint().isPresent(), uploads);
  }

  /**
   * {@code lambda}: the Lambda client ({@code clients.lambda()} but for a stand-in); {@code clients}: where code
   * is staged. {@code trustFingerprintForAbsentValues}: the service may not echo write-only fields
   * ({@link WriteOnlyFields}).
   */
  FunctionManager(LambdaClient lambda, AwsClients clients, FunctionTags tags, boolean trustFingerprintForAbsentValues,
                  CodeUploads uploads) {
    super(KIND, lambda);
    this.clients = clients;
    this.tags = tags;
    this.trustFingerprintForAbsentValues = trustFingerprintForAbsentValues;
    this.uploads = uploads;
    // The SDK's waiters poll GetFunction (1 s apart, up to 5 min) for State / LastUpdateStatus.
    this.waiter = LambdaWaiter.builder().client(client).build();
  }

  @Override
  public Optional<ObservedFunction> observe(DesiredFunction desired) {
    return AwsCall.unlessAbsent("GetFunction " + desired.functionName(),
        () -> client.getFunction(r -> r.functionName(desired.functionName())),
        ResourceNotFoundException.class::isInstance).map(function -> {
          FunctionConfiguration config = function.configuration();
          // GetFunction returns the tags unless the caller may not list them (or there are none): then ask.
          if (function.hasTags() && !function.tags().isEmpty()) {
            tags.record(config.functionArn(), function.tags());
          } else {
            tags.forget(config.functionArn());
          }
          return new ObservedFunction(config, tags.of(config.functionArn()));
        });
  }

  @Override
  public ObservedFunction create(DesiredFunction d) {
    CodeObject code = uploads.locate(clients, d.code());
    var created = AwsCall.get("CreateFunction " + d.functionName(), () -> client.createFunction(r -> r
        .functionName(d.functionName()).runtime(d.runtime()).handler(d.handler()).role(d.roleArn())
        .code(c -> c.s3Bucket(code.bucket()).s3Key(code.key()).s3ObjectVersion(code.versionId()))
        .memorySize(d.memoryMb()).timeout(d.timeoutSeconds())
        .environment(Environment.builder().variables(d.environment()).build())
        .tracingConfig(TracingConfig.builder().mode(d.tracingMode()).build())
        .deadLetterConfig(d.deadLetterTargetArn() == null ? null
            : DeadLetterConfig.builder().targetArn(d.deadLetterTargetArn()).build())
        .kmsKeyArn(d.kmsKeyArn()).tags(WriteOnlyFields.desiredTags(d))));
    requireDeclaredCode(d, code, created.codeSha256());
    FunctionStates.requireReady(d.functionName(), settled(d.functionName(), "to become Active",
        () -> waiter.waitUntilFunctionActiveV2(r -> r.functionName(d.functionName()))));
    return observe(d).orElseThrow(() -> new IllegalStateException("function vanished after create"));
  }

  /**
   * A function found converged is ready only when Lambda says so: not while Pending or being updated (a wait
   * of an earlier pass may have timed out), and not when Failed (terminal, with Lambda's reason).
   */
  @Override
  public Convergence apply(DesiredFunction desired, Plan<ObservedFunction> plan) {
    if (plan.converged()) {
      FunctionStates.requireReady(desired.functionName(), plan.observed().orElseThrow().configuration());
    }
    return super.apply(desired, plan);
  }

  @Override
  public List<FieldDrift> diff(DesiredFunction d, ObservedFunction observed) {
    FunctionConfiguration c = observed.configuration();
    Drift drift = new Drift()
        .compare(RUNTIME, d.runtime(), c.runtimeAsString())
        .compare(HANDLER, d.handler(), c.handler())
        .compare(ROLE, d.roleArn(), c.role())
        .compare(MEMORY, d.memoryMb(), c.memorySize())
        .compare(TIMEOUT, d.timeoutSeconds(), c.timeout())
        .compare(ENVIRONMENT, d.environment(), c.environment() == null || c.environment().variables() == null
            ? Map.of() : c.environment().variables())
        .compare(TRACING, d.tracingMode(),
            c.tracingConfig() == null ? "PassThrough" : c.tracingConfig().modeAsString());
    boolean fingerprintMatches = trustFingerprintForAbsentValues
        && WriteOnlyFields.fingerprint(d).equals(observed.tags().get(WriteOnlyFields.FINGERPRINT_TAG));
    WriteOnlyFields.compare(drift, DEAD_LETTER, d.deadLetterTargetArn(),
        c.deadLetterConfig() == null ? null : c.deadLetterConfig().targetArn(), fingerprintMatches);
    WriteOnlyFields.compare(drift, KMS_KEY, d.kmsKeyArn(), c.kmsKeyArn(), fingerprintMatches);
    return drift.compare(CODE, d.codeSha256(), c.codeSha256())
        .tags(TAGS, WriteOnlyFields.desiredTags(d), observed.tags())
        .list();
  }

  @Override
  public void update(DesiredFunction d, ObservedFunction observed, List<FieldDrift> drift) {
    Set<FunctionField> fields = FieldDrift.fields(drift, FunctionField.class);
    // Lambda rejects a change while another is in progress (ResourceConflictException): wait in between.
    FunctionStates.requireUpdatable(d.functionName(), waitUpdated(d.functionName()));
    if (fields.contains(CODE)) {
      CodeObject code = uploads.locate(clients, d.code());
      var updated = AwsCall.get("UpdateFunctionCode " + d.functionName(), () -> client.updateFunctionCode(
          r -> r.functionName(d.functionName()).s3Bucket(code.bucket()).s3Key(code.key())
              .s3ObjectVersion(code.versionId())));
      requireDeclaredCode(d, code, updated.codeSha256());
      FunctionStates.requireReady(d.functionName(), waitUpdated(d.functionName()));
    }
    if (fields.stream().anyMatch(FunctionField::isConfiguration)) {
      AwsCall.run("UpdateFunctionConfiguration " + d.functionName(),
          () -> client.updateFunctionConfiguration(configurationUpdate(d, fields)));
      FunctionStates.requireReady(d.functionName(), waitUpdated(d.functionName()));
    }
    // Tags last: the fingerprint tag may only claim values that were written successfully.
    Map<String, String> missingTags = TagDiff.missing(WriteOnlyFields.desiredTags(d), observed.tags());
    if (fields.stream().anyMatch(FunctionField::isWriteOnly)) {
      missingTags.put(WriteOnlyFields.FINGERPRINT_TAG, WriteOnlyFields.fingerprint(d));
    }
    if (!missingTags.isEmpty()) {
      tags.forget(observed.functionArn());
      AwsCall.run("TagResource " + d.functionName(),
          () -> client.tagResource(r -> r.resource(observed.functionArn()).tags(missingTags)));
    }
  }

  /** Only the drifted configuration fields; empty values remove a dead-letter target or a KMS key. */
  static UpdateFunctionConfigurationRequest configurationUpdate(DesiredFunction d, Set<FunctionField> fields) {
    UpdateFunctionConfigurationRequest.Builder r = UpdateFunctionConfigurationRequest.builder()
        .functionName(d.functionName());
    for (FunctionField field : fields) {
      switch (field) {
        case RUNTIME -> r.runtime(d.runtime());
        case HANDLER -> r.handler(d.handler());
        case ROLE -> r.role(d.roleArn());
        case MEMORY -> r.memorySize(d.memoryMb());
        case TIMEOUT -> r.timeout(d.timeoutSeconds());
        case ENVIRONMENT -> r.environment(Environment.builder().variables(d.environment()).build());
        case TRACING -> r.tracingConfig(TracingConfig.builder().mode(d.tracingMode()).build());
        case DEAD_LETTER -> r.deadLetterConfig(DeadLetterConfig.builder()
            .targetArn(Objects.requireNonNullElse(d.deadLetterTargetArn(), "")).build());
        case KMS_KEY -> r.kmsKeyArn(Objects.requireNonNullElse(d.kmsKeyArn(), ""));
        case CODE, TAGS -> { }
      }
    }
    return r.build();
  }

  @Override
  public String arnOf(DesiredFunction desired, ObservedFunction observed) {
    return observed.functionArn();
  }

  @Override
  public void delete(DesiredFunction desired, ObservedFunction observed) {
    tags.forget(observed.functionArn());
    AwsCall.unlessGone("DeleteFunction " + desired.functionName(),
        () -> client.deleteFunction(r -> r.functionName(observed.functionArn())),
        ResourceNotFoundException.class::isInstance);
  }

  /**
   * Lambda read other code than was declared: an unversioned object replaced since its SHA-256 was taken. The next
   * pass takes it again (and the function's CodeSha256 shows the drift until then).
   */
  private static void requireDeclaredCode(DesiredFunction d, CodeObject code, String deployed) {
    if (!d.codeSha256().equals(deployed)) {
      throw new RetryableException("CodeChanged", "code of " + d.functionName() + " read from " + code
          + " has SHA-256 " + deployed + " but " + d.codeSha256() + " was declared");
    }
  }

  private FunctionConfiguration waitUpdated(String functionName) {
    return settled(functionName, "to finish its last update",
        () -> waiter.waitUntilFunctionUpdatedV2(r -> r.functionName(functionName)));
  }

  /**
   * The configuration a function settled on: the one the waiter ended on when it saw success, otherwise (the
   * waiter stops on a Failed state, and gives up after 5 minutes) the one GetFunction reads next, so that
   * {@link FunctionStates} can tell a failure, with Lambda's reason, from a function still settling.
   */
  private FunctionConfiguration settled(String functionName, String what,
                                        Supplier<WaiterResponse<GetFunctionResponse>> wait) {
    try {
      Optional<GetFunctionResponse> last = AwsCall.get("waiting for " + functionName + " " + what, wait)
          .matched().response();
      if (last.isPresent()) {
        return last.get().configuration();
      }
    } catch (RetryableException e) {
      // Failed, timed out or unreachable: the state read below says which (an outage fails that read too).
    }
    return AwsCall.get("GetFunction " + functionName, () -> client.getFunction(r -> r.functionName(functionName)))
        .configuration();
  }
}
