package dev.finpipe.operator.aws.function;

import dev.finpipe.operator.support.ClassifiedException;
import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.support.TerminalException;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * What a function's {@code State} and {@code LastUpdateStatus} say about its readiness ("Lambda function states",
 * https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html): {@code Pending} (being created) and
 * {@code InProgress} (being updated) settle by themselves; {@code Failed} does not, and {@code StateReason} /
 * {@code LastUpdateStatusReason} with their codes say why. A function whose creation failed must be deleted and
 * created again; a failed update leaves the previous code and configuration in place.
 */
final class FunctionStates {
  static final String FAILED = "FunctionFailed";
  static final String UPDATE_FAILED = "FunctionUpdateFailed";
  static final String PENDING = "FunctionPending";

  private FunctionStates() {
  }

  /** Why {@code c} is not ready: terminal when Failed, retryable while Pending or InProgress; empty when ready. */
  static Optional<ClassifiedException> problem(String functionName, FunctionConfiguration c) {
    if (c.state() == State.FAILED) {
      return Optional.of(new TerminalException(FAILED, "Lambda function " + functionName + " is Failed: "
          + reason(c.stateReason(), c.stateReasonCodeAsString())
          + " (Lambda keeps a function whose creation failed Failed: delete it to have it created again)"));
    }
    if (c.lastUpdateStatus() == LastUpdateStatus.FAILED) {
      return Optional.of(new TerminalException(UPDATE_FAILED, "the last update of Lambda function " + functionName
          + " Failed: " + reason(c.lastUpdateStatusReason(), c.lastUpdateStatusReasonCodeAsString())));
    }
    if (c.state() == State.PENDING) {
      return Optional.of(new RetryableException(PENDING, "Lambda function " + functionName + " still Pending"
          + detail(c.stateReason())));
    }
    if (c.lastUpdateStatus() == LastUpdateStatus.IN_PROGRESS) {
      return Optional.of(new RetryableException(PENDING, "Lambda function " + functionName
          + " still Pending: its last update is InProgress" + detail(c.lastUpdateStatusReason())));
    }
    return Optional.empty();
  }

  /** Returns when {@code c} is ready (Active or Inactive, no update in progress or failed); throws otherwise. */
  static void requireReady(String functionName, FunctionConfiguration c) {
    Optional<ClassifiedException> problem = problem(functionName, c);
    if (problem.isPresent()) {
      throw problem.get();
    }
  }

  /**
   * Whether a change may be written to {@code c}: not while it is Pending or being updated (Lambda answers
   * ResourceConflictException), nor when its creation failed; a failed last update may be replaced by a new one.
   */
  static void requireUpdatable(String functionName, FunctionConfiguration c) {
    Optional<ClassifiedException> problem = problem(functionName, c);
    if (problem.isPresent() && !UPDATE_FAILED.equals(problem.get().reason())) {
      throw problem.get();
    }
  }

  private static String reason(String reason, String code) {
    String text = reason == null || reason.isBlank() ? "Lambda gave no reason" : reason;
    return code == null || code.isBlank() ? text : text + " [" + code + "]";
  }

  private static String detail(String reason) {
    return reason == null || reason.isBlank() ? "" : " (" + reason + ")";
  }
}
