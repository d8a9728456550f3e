package dev.finpipe.operator.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;

class AwsErrorsTest {

  private static AwsServiceException lambdaInvalidParameter(String message) {
    return InvalidParameterValueException.builder().statusCode(400).message(message)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidParameterValueException")
            .errorMessage(message).serviceName("Lambda").build())
        .build();
  }

  @Test
  void theDeadLetterQueueGrantNotPropagatedYetIsRetried() {
    // Lambda's answer while IAM propagates a new role's sqs:SendMessage on the dead-letter queue.
    RuntimeException e = AwsErrors.classify("CreateFunction fp-x-upload", lambdaInvalidParameter(
        "The provided execution role does not have permissions to call SendMessage on SQS"));

    assertThat(e).isInstanceOf(RetryableException.class);
    assertThat(((RetryableException) e).reason()).isEqualTo("AwsPropagation");
    assertThat(e).hasMessageContaining("CreateFunction fp-x-upload failed")
        .hasMessageContaining("SendMessage on SQS");
  }

  @Test
  void anOtherInvalidParameterStaysTerminal() {
    RuntimeException e = AwsErrors.classify("UpdateFunctionConfiguration fp-x-upload",
        lambdaInvalidParameter("Value 99999 at 'memorySize' failed to satisfy constraint"));

    assertThat(e).isInstanceOf(TerminalException.class);
    assertThat(((TerminalException) e).reason()).isEqualTo("InvalidConfiguration");
  }
}
