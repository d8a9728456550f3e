package dev.finpipe.operator.aws.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.Plan;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.support.TerminalException;
import dev.finpipe.operator.testing.LambdaTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.finpipe.operator.aws.codestaging.CodeObject;
import dev.finpipe.operator.aws.codestaging.StagingBucketName;
import dev.finpipe.operator.testing.Moto;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

/**
 * The manager on the states the emulator never reports (Failed, Pending), against a Lambda stand-in whose
 * GetFunction answers what a write left behind. The SDK waiter polls that stand-in as it would Lambda.
 */
class FunctionManagerStateTest {
  private final Ownership owner = LambdaTestSupport.owner();
  private final byte[] code = LambdaTestSupport.zip("v1");
  private final DesiredFunction desired = LambdaTestSupport.function("fp_x_upload",
      "arn:aws:iam::123456789012:role/fp_x_upload", new CodeSource.InS3(new CodeObject("code", "handlers.jar", null),
          DesiredFunction.sha256Base64(code)), 512, null, owner.tags());
  private final StandInLambda lambda = new StandInLambda();
  private final FunctionManager manager = new FunctionManager(lambda, Moto.clients(), new FunctionTags(lambda), false,
      new CodeUploads(StagingBucketName.DEFAULT_TEMPLATE));

  /** The configuration Lambda holds for {@link #desired}, in {@code state} / {@code lastUpdateStatus}. */
  private FunctionConfiguration.Builder converged(String state, String lastUpdateStatus) {
    return FunctionConfiguration.builder().functionName(desired.functionName())
        .functionArn("arn:aws:lambda:us-east-1:123456789012:function:" + desired.functionName())
        .runtime(desired.runtime()).handler(desired.handler()).role(desired.roleArn())
        .memorySize(desired.memoryMb()).timeout(desired.timeoutSeconds())
        .environment(e -> e.variables(desired.environment()))
        .tracingConfig(t -> t.mode(desired.tracingMode()))
        .codeSha256(desired.codeSha256())
        .state(state).lastUpdateStatus(lastUpdateStatus);
  }

  @Test
  void aCreationThatEndsFailedFailsTheComponentWithLambdasReason() {
    lambda.afterWrite = converged("Failed", null).stateReason("The security group 'sg-1' does not exist")
        .stateReasonCode("InvalidSecurityGroup").build();

    assertThatThrownBy(() -> manager.create(desired))
        .isInstanceOfSatisfying(TerminalException.class,
            e -> assertThat(e.reason()).isEqualTo(FunctionStates.FAILED))
        .hasMessageContaining("The security group 'sg-1' does not exist")
        .hasMessageContaining("InvalidSecurityGroup");
  }

  @Test
  void anUpdateThatEndsFailedFailsTheComponentWithLambdasReason() {
    lambda.current = converged("Active", "Successful").memorySize(1024).build();
    lambda.afterWrite = converged("Active", "Failed").lastUpdateStatusReason("KMS key is disabled")
        .lastUpdateStatusReasonCode("KMSKeyAccessDenied").build();
    ObservedFunction observed = new ObservedFunction(lambda.current, Map.of());
    List<FieldDrift> drift = manager.diff(desired, observed);

    assertThatThrownBy(() -> manager.apply(desired, new Plan<>(Optional.of(observed), drift)))
        .isInstanceOfSatisfying(TerminalException.class,
            e -> assertThat(e.reason()).isEqualTo(FunctionStates.UPDATE_FAILED))
        .hasMessageContaining("KMS key is disabled").hasMessageContaining("KMSKeyAccessDenied");
    assertThat(lambda.calls).contains("UpdateFunctionConfiguration");
  }

  @Test
  void aFunctionFoundConvergedButPendingIsNotReady() {
    FunctionConfiguration pending = converged("Pending", "InProgress").stateReason("Creating the function").build();
    ObservedFunction observed = new ObservedFunction(pending, WriteOnlyFields.desiredTags(desired));
    Plan<ObservedFunction> plan = new Plan<>(Optional.of(observed), List.of());

    assertThatThrownBy(() -> manager.apply(desired, plan))
        .isInstanceOf(RetryableException.class).hasMessageContaining("still Pending");
    assertThat(lambda.calls).as("decided on what plan read").isEmpty();
  }

  @Test
  void aFunctionFoundConvergedButFailedStaysFailed() {
    FunctionConfiguration failed = converged("Failed", null).stateReason("Subnet has no free IP address")
        .stateReasonCode("SubnetOutOfIPAddresses").build();
    Plan<ObservedFunction> plan = new Plan<>(Optional.of(new ObservedFunction(failed, Map.of())), List.of());

    assertThatThrownBy(() -> manager.apply(desired, plan))
        .isInstanceOf(TerminalException.class).hasMessageContaining("SubnetOutOfIPAddresses");
  }

  /** GetFunction answers {@link #current}; a write makes {@link #afterWrite} current. */
  private static final class StandInLambda implements LambdaClient {
    final List<String> calls = new ArrayList<>();
    volatile FunctionConfiguration current;
    volatile FunctionConfiguration afterWrite;

    @Override
    public GetFunctionResponse getFunction(GetFunctionRequest request) {
      calls.add("GetFunction");
      return GetFunctionResponse.builder().configuration(current).build();
    }

    @Override
    public CreateFunctionResponse createFunction(CreateFunctionRequest request) {
      calls.add("CreateFunction");
      current = afterWrite;
      return CreateFunctionResponse.builder().functionName(request.functionName())
          .codeSha256(afterWrite.codeSha256()).build();
    }

    @Override
    public UpdateFunctionConfigurationResponse updateFunctionConfiguration(UpdateFunctionConfigurationRequest r) {
      calls.add("UpdateFunctionConfiguration");
      current = afterWrite;
      return UpdateFunctionConfigurationResponse.builder().functionName(r.functionName()).build();
    }

    @Override
    public String serviceName() {
      return "lambda";
    }

    @Override
    public void close() {
    }
  }
}
