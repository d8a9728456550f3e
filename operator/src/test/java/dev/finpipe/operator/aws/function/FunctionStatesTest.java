package dev.finpipe.operator.aws.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.support.ClassifiedException;
import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.support.TerminalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/** The readiness decision on State / LastUpdateStatus, which the emulator cannot make Failed. */
class FunctionStatesTest {

  private static FunctionConfiguration.Builder config(String state, String lastUpdateStatus) {
    return FunctionConfiguration.builder().functionName("fp_x_upload").state(state).lastUpdateStatus(lastUpdateStatus);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {"Active, Successful", "Active, -", "Inactive, Successful", "-, -"})
  void anActiveOrIdleFunctionWithoutAnUpdateUnderWayIsReady(String state, String lastUpdateStatus) {
    assertThat(FunctionStates.problem("fp_x_upload", config(state, lastUpdateStatus).build())).isEmpty();
  }

  /** Lambda's reason for the state that failed: StateReason for a failed creation, else LastUpdateStatusReason. */
  @ParameterizedTest
  @CsvSource(nullValues = "-", delimiter = '|', value = {
      "Failed | -      | FunctionFailed       | fp_x_upload is Failed                         | creation | KMSKeyAccessDenied",
      "Active | Failed | FunctionUpdateFailed | last update of Lambda function fp_x_upload Failed | update | InsufficientRolePermissions"})
  void aFailedFunctionOrUpdateIsTerminalWithLambdasReasonAndCode(String state, String lastUpdateStatus, String reason,
                                                                 String says, String which, String code) {
    FunctionConfiguration c = config(state, lastUpdateStatus)
        .stateReason("the creation failed: the KMS key is invalid for CreateGrant")
        .stateReasonCode("KMSKeyAccessDenied")
        .lastUpdateStatusReason("the update failed: the execution role may not call CreateNetworkInterface on EC2")
        .lastUpdateStatusReasonCode("InsufficientRolePermissions").build();

    ClassifiedException problem = FunctionStates.problem("fp_x_upload", c).orElseThrow();

    assertThat(problem).isInstanceOf(TerminalException.class).hasMessageContaining(says)
        .hasMessageContaining("the " + which + " failed: ").hasMessageContaining(code);
    assertThat(problem.reason()).isEqualTo(reason);
  }

  @Test
  void aFailureWithoutReasonStillSaysSo() {
    assertThat(FunctionStates.problem("fp_x_upload", config("Failed", null).build()).orElseThrow())
        .hasMessageContaining("Lambda gave no reason");
  }

  @ParameterizedTest
  @CsvSource(nullValues = "-", value = {"Pending, -", "Pending, InProgress", "Active, InProgress"})
  void aFunctionStillSettlingIsRetriedNotReady(String state, String lastUpdateStatus) {
    ClassifiedException problem = FunctionStates.problem("fp_x_upload", config(state, lastUpdateStatus).build())
        .orElseThrow();

    assertThat(problem).isInstanceOf(RetryableException.class).hasMessageContaining("still Pending");
    assertThat(problem.reason()).isEqualTo(FunctionStates.PENDING);
  }

  @Test
  void aNewUpdateMayReplaceAFailedOneButNotOneInProgressNorAFailedCreation() {
    assertThatNoException().isThrownBy(() -> FunctionStates.requireUpdatable("f", config("Active", "Failed").build()));
    assertThatThrownBy(() -> FunctionStates.requireUpdatable("f", config("Active", "InProgress").build()))
        .isInstanceOf(RetryableException.class);
    assertThatThrownBy(() -> FunctionStates.requireUpdatable("f", config("Failed", null).build()))
        .isInstanceOf(TerminalException.class);
  }
}
