package dev.finpipe.operator.aws.permission;

import static dev.finpipe.operator.testing.LambdaTestSupport.suffix;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ManagerContractTest;
import dev.finpipe.operator.aws.function.TestFunctions;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.testing.LambdaTestSupport;
import dev.finpipe.operator.testing.Moto;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A statement has no tags: it belongs to the function's owner, so the foreign cases use a foreign function. */
class PermissionManagerTest extends ManagerContractTest<DesiredPermission, ObservedPermission> {
  private final PermissionManager manager = new PermissionManager(clients);
  private final TestFunctions functions = new TestFunctions(clients);
  private final String functionArn = functions.create(owner);
  private final String bucketArn = "arn:aws:s3:::data-" + suffix();
  private final DesiredPermission s3Invoke =
      new DesiredPermission(functionArn, "s3-invoke", "s3.amazonaws.com", bucketArn, Moto.ACCOUNT_ID);

  @Override
  protected PermissionManager manager() {
    return manager;
  }

  @Override
  protected DesiredPermission desired() {
    return s3Invoke;
  }

  @Override
  protected Optional<Map<String, String>> ownTags(DesiredPermission desired) {
    return Optional.empty();
  }

  @Override
  protected void verifyCreated(DesiredPermission desired, Convergence created) {
    JsonNode statement = statements(functionArn).get(0);
    assertThat(statement.path("Sid").asText()).isEqualTo("s3-invoke");
    assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("s3.amazonaws.com");
    assertThat(statement.path("Condition").path("ArnLike").path("AWS:SourceArn").asText()).isEqualTo(bucketArn);
    assertThat(statement.path("Condition").path("StringEquals").path("AWS:SourceAccount").asText())
        .isEqualTo(Moto.ACCOUNT_ID);
  }

  private JsonNode statements(String function) {
    try {
      return new ObjectMapper().readTree(clients.lambda().getPolicy(r -> r.functionName(function)).policy())
          .path("Statement");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected String driftOneField(DesiredPermission desired) {
    clients.lambda().removePermission(r -> r.functionName(functionArn).statementId("s3-invoke"));
    clients.lambda().addPermission(r -> r.functionName(functionArn).statementId("s3-invoke")
        .action("lambda:InvokeFunction").principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::someone-elses")
        .sourceAccount(Moto.ACCOUNT_ID));
    return "sourceArn";
  }

  /** Replaced, not duplicated. */
  @Override
  protected void verifyCorrected(DesiredPermission desired) {
    assertThat(manager.observe(s3Invoke)).hasValueSatisfying(p -> {
      assertThat(p.sourceArn()).isEqualTo(bucketArn);
      assertThat(p.occurrences()).isEqualTo(1);
    });
  }

  @Override
  protected DesiredPermission createForeign(Ownership other) {
    String theirs = functions.create(other);
    clients.lambda().addPermission(r -> r.functionName(theirs).statementId("s3-invoke")
        .action("lambda:InvokeFunction").principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::theirs"));
    return new DesiredPermission(theirs, "s3-invoke", "s3.amazonaws.com", "arn:aws:s3:::elsewhere", null);
  }

  @Override
  protected void cleanUp() {
    functions.deleteAll();
  }

  @Test
  void noStatementIsAddedToAFunctionOwnedBySomeoneElse() {
    String theirs = functions.create(LambdaTestSupport.owner());

    assertRefusedAndLeftUntouched(
        new DesiredPermission(theirs, "s3-invoke", "s3.amazonaws.com", "arn:aws:s3:::elsewhere", null));
  }

  @Test
  void aRemovedPermissionIsAddedAgain() {
    manager.converge(s3Invoke, owner);
    clients.lambda().removePermission(r -> r.functionName(functionArn).statementId("s3-invoke"));

    assertThat(manager.converge(s3Invoke, owner).action()).isEqualTo(Convergence.Action.CREATED);
    assertThat(manager.observe(s3Invoke)).hasValueSatisfying(p -> assertThat(p.sourceArn()).isEqualTo(bucketArn));
  }

  @Test
  void anApiGatewayStatementWithoutSourceAccountConverges() {
    DesiredPermission apiInvoke = new DesiredPermission(functionArn, "api-invoke", "apigateway.amazonaws.com",
        "arn:aws:execute-api:" + Moto.region() + ":" + Moto.ACCOUNT_ID + ":abc123/*/POST/upload", null);

    assertThat(manager.converge(apiInvoke, owner).action()).isEqualTo(Convergence.Action.CREATED);
    assertThat(manager.observe(apiInvoke)).hasValueSatisfying(p -> {
      assertThat(p.principal()).isEqualTo("apigateway.amazonaws.com");
      assertThat(p.sourceAccount()).isNull();
    });
    assertThat(manager.converge(apiInvoke, owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
  }

  @Test
  void duplicateStatementsWithOurSidAreCollapsedIntoOne() {
    manager.converge(s3Invoke, owner);
    // The emulator appends a second statement with the same Sid instead of answering 409.
    clients.lambda().addPermission(r -> r.functionName(functionArn).statementId("s3-invoke")
        .action("lambda:InvokeFunction").principal("s3.amazonaws.com").sourceArn(bucketArn)
        .sourceAccount(Moto.ACCOUNT_ID));

    assertThat(manager.converge(s3Invoke, owner).corrected()).extracting(FieldDrift::field)
        .containsExactly("occurrences");
    assertThat(manager.observe(s3Invoke)).hasValueSatisfying(p -> assertThat(p.occurrences()).isEqualTo(1));
  }

  @Test
  void removeDeletesOnlyItsStatement() {
    DesiredPermission other = new DesiredPermission(functionArn, "other", "s3.amazonaws.com", bucketArn, null);
    manager.converge(s3Invoke, owner);
    manager.converge(other, owner);

    assertThat(manager.remove(s3Invoke, owner).action()).isEqualTo(Convergence.Action.DELETED);
    assertThat(manager.observe(s3Invoke)).isEmpty();
    assertThat(manager.observe(other)).isPresent();
  }

  @Test
  void findsAStatementInAPolicyWrittenByAws() {
    String policy = "{\"Version\":\"2012-10-17\",\"Id\":\"default\",\"Statement\":[{\"Sid\":\"x\","
        + "\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\","
        + "\"Resource\":\"arn:aws:lambda:us-east-1:123456789012:function:f\",\"Condition\":{\"StringEquals\":"
        + "{\"AWS:SourceAccount\":\"123456789012\"},\"ArnLike\":{\"AWS:SourceArn\":\"arn:aws:s3:::b\"}}}]}";

    assertThat(PermissionManager.find(policy, "x")).hasValueSatisfying(s -> {
      assertThat(s.principal()).isEqualTo("s3.amazonaws.com");
      assertThat(s.sourceArn()).isEqualTo("arn:aws:s3:::b");
      assertThat(s.sourceAccount()).isEqualTo("123456789012");
    });
    assertThat(PermissionManager.find(policy, "y")).isEmpty();
  }

  /** A grant the operator did not make, here a public invoke: removed, named in the correction, ours kept. */
  @Test
  void aStatementTheOperatorDidNotMakeIsRemoved() {
    manager.converge(s3Invoke, owner);
    clients.lambda().addPermission(r -> r.functionName(functionArn).statementId("anyone-may-invoke")
        .action("lambda:InvokeFunction").principal("*"));

    recorder.reset();
    Convergence corrected = manager.converge(s3Invoke, owner);

    assertThat(corrected.corrected()).extracting(FieldDrift::field)
        .containsExactly("ForeignStatement/anyone-may-invoke");
    assertThat(recorder.mutating()).containsOnlyKeys("Lambda:RemovePermission");
    assertThat(statements(functionArn)).singleElement()
        .satisfies(s -> assertThat(s.path("Sid").asText()).isEqualTo("s3-invoke"));
    assertThat(manager.converge(s3Invoke, owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
  }
}
