package dev.finpipe.operator.behaviour;

import static dev.finpipe.operator.testing.LambdaTestSupport.suffix;
import static dev.finpipe.operator.testing.LambdaTestSupport.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.testing.AwsBehaviour;
import dev.finpipe.operator.testing.LambdaTestSupport;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;

/**
 * The behaviour layer's request validation: a raw SDK call that AWS would reject for breaking its service
 * model's constraints (length, range, enum, pattern) is refused through the layer with the service's own error
 * and message, while moto alone accepts it. The AWS SDK for Java does not check these constraints itself.
 */
class RequestValidationTest {
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  private final AwsClients layer = AwsBehaviour.clients();
  private final AwsClients moto = AwsBehaviour.motoItself();
  private Map<String, Long> before;

  @BeforeEach
  void resetTheLayer() {
    AwsBehaviour.reset();
    AwsBehaviour.configure(Map.of("validation", 1, "iam_seconds", 0));
    before = AwsBehaviour.stats();
  }

  @AfterEach
  void restore() {
    AwsBehaviour.reset();
  }

  @Test
  void aRoleNameLongerThan64IsRefusedAsIamDoes() {
    String name = "r".repeat(65);

    assertRefused(c -> c.iam().createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST)),
        "ValidationError", "1 validation error detected: Value '" + name + "' at 'roleName' failed to satisfy "
            + "constraint: Member must have length less than or equal to 64");
  }

  @Test
  void aRoleDescriptionOverItsMaximumIsRefused() {
    String name = "role-desc-" + suffix();
    String description = "d".repeat(1001);

    assertRefused(c -> c.iam().createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST)
            .description(description)),
        "ValidationError", "at 'description' failed to satisfy constraint: Member must have length less than or "
            + "equal to 1000");
  }

  @Test
  void aFunctionMemoryBelowItsRangeIsRefusedAsLambdaDoes() {
    String name = "fn-mem-" + suffix();
    String role = LambdaTestSupport.role(moto, "role-" + name);

    assertRefused(c -> c.lambda().createFunction(function(name, role).memorySize(64).build()),
        "ValidationException", "1 validation error detected: Value '64' at 'memorySize' failed to satisfy "
            + "constraint: Member must have value greater than or equal to 128");
  }

  @Test
  void aRuntimeOutsideItsEnumIsRefused() {
    String name = "fn-enum-" + suffix();
    String role = LambdaTestSupport.role(moto, "role-" + name);

    assertRefused(c -> c.lambda().createFunction(function(name, role).runtime("java99").build()),
        "ValidationException", "Value 'java99' at 'runtime' failed to satisfy constraint: Member must satisfy "
            + "enum value set: [");
  }

  @Test
  void aLogGroupNameOutsideItsPatternIsRefusedAsCloudWatchLogsDoes() {
    String name = "bad name " + suffix();

    assertRefused(c -> c.logs().createLogGroup(r -> r.logGroupName(name)),
        "InvalidParameterException", "Value '" + name + "' at 'logGroupName' failed to satisfy constraint: "
            + "Member must satisfy regular expression pattern: ");
  }

  @Test
  void aValidRequestPassesUncountedAndTheSwitchTurnsTheRuleOff() {
    String name = "role-ok-" + suffix();
    layer.iam().createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST).description("fine"));
    assertThat(AwsBehaviour.injectedSince(before, AwsBehaviour.REQUEST_VALIDATION)).isZero();

    AwsBehaviour.configure(Map.of("validation", 0));
    String tooLong = "r".repeat(65);
    layer.iam().createRole(r -> r.roleName(tooLong).assumeRolePolicyDocument(TRUST));
    assertThat(AwsBehaviour.injectedSince(before, AwsBehaviour.REQUEST_VALIDATION)).isZero();
  }

  /** Refused through the layer with {@code code} and a message containing {@code message}; moto accepts it. */
  private void assertRefused(Consumer<AwsClients> call, String code, String message) {
    assertThatThrownBy(() -> call.accept(layer)).isInstanceOfSatisfying(AwsServiceException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
      assertThat(e.awsErrorDetails().errorMessage()).contains(message);
    });
    assertThat(AwsBehaviour.injectedSince(before, AwsBehaviour.REQUEST_VALIDATION)).isEqualTo(1);
    call.accept(moto); // moto alone is lenient: the same request succeeds
  }

  private static CreateFunctionRequest.Builder function(String name, String role) {
    return CreateFunctionRequest.builder().functionName(name).runtime("java21").role(role)
        .handler("dev.finpipe.handlers.Upload::handleRequest")
        .code(c -> c.zipFile(SdkBytes.fromByteArray(zip(name))));
  }
}
