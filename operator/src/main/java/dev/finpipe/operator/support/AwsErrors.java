package dev.finpipe.operator.support;

import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** Classifies AWS SDK failures into {@link TerminalException} (no retry) or {@link RetryableException}. */
public final class AwsErrors {
  /** The reason of a call that was never sent because the operator's own rate limiter had no permit. */
  public static final String RATE_LIMITED = "RateLimited";
  /** The reason of a refusal caused by AWS's eventual consistency (see the propagation messages below). */
  public static final String PROPAGATION = "AwsPropagation";
  private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException", "ThrottledException",
      "TooManyRequestsException", "RequestLimitExceeded", "SlowDown", "RequestThrottled",
      "RequestThrottledException", "ProvisionedThroughputExceededException", "LimitExceededException");
  /**
   * Eventual consistency of AWS itself: a dependency created a moment ago is not visible yet. IAM changes take
   * time to reach every service ("Troubleshoot IAM: Changes that I make are not always immediately visible",
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_general.html#troubleshoot_general_eventual-consistency):
   * Lambda's CreateFunction / UpdateFunctionConfiguration answer InvalidParameterValueException "The provided
   * execution role does not have permissions to call SendMessage on SQS" while the new role's grant on the
   * dead-letter queue propagates. Retried with the reconcile's backoff, the reason shown in the status.
   */
  private static final String[] PROPAGATION_MESSAGES = {
      "cannot be assumed by Lambda", "Unable to validate the following destination configurations",
      "The role defined for the function", "is not authorized to perform: iam:PassRole",
      "Invalid principal in policy", "execution role does not have permissions to call SendMessage on SQS"};
  private static final Set<String> INVALID_INPUT = Set.of("ValidationError", "ValidationException",
      "InvalidParameterValueException", "InvalidParameterValue", "MalformedPolicyDocument",
      "MalformedPolicyDocumentException", "InvalidArgument", "InvalidBucketName", "BadRequestException",
      "InvalidRequest", "InvalidAttributeValue", "InvalidParameterCombination");

  private AwsErrors() {
  }

  /** Returns the exception to throw for {@code e}; {@code what} names the failed action for the message. */
  public static RuntimeException classify(String what, SdkException e) {
    if (e instanceof AwsServiceException ase) {
      var details = ase.awsErrorDetails();
      String code = details == null || details.errorCode() == null ? "" : details.errorCode();
      String message = details == null || details.errorMessage() == null ? ase.getMessage() : details.errorMessage();
      String text = what + " failed: " + code + ": " + message;
      int status = ase.statusCode();
      if (THROTTLING.contains(code) || ase.isThrottlingException() || status == 429) {
        return new RetryableException("Throttled", text, e);
      }
      if (status >= 500) {
        return new RetryableException("AwsUnavailable", text, e);
      }
      if (message != null) {
        for (String m : PROPAGATION_MESSAGES) {
          if (message.contains(m)) {
            return new RetryableException(PROPAGATION, text, e);
          }
        }
      }
      if (status == 403 || "AccessDenied".equals(code) || "AccessDeniedException".equals(code)) {
        // The operator's own permissions may be fixed without touching the spec: keep retrying, slowly.
        return new RetryableException("AccessDenied", text, e);
      }
      if (INVALID_INPUT.contains(code)) {
        return new TerminalException("InvalidConfiguration", text, e);
      }
      if (status == 409) {
        return new RetryableException("Conflict", text, e);
      }
      return new RetryableException("AwsError", text, e);
    }
    if (e.getCause() instanceof ClientRateLimitTimeout) {
      return new RetryableException(RATE_LIMITED, what + " waited too long for the operator's own rate limit: "
          + "more calls are queued than the limit lets through (see --aws-rate-limits)", e);
    }
    if (e instanceof SdkClientException) {
      return new RetryableException("AwsUnreachable", what + " failed: " + e.getMessage(), e);
    }
    return new RetryableException("AwsError", what + " failed: " + e.getMessage(), e);
  }
}
