package dev.finpipe.operator.aws.permission;

import static dev.finpipe.operator.testing.LambdaTestSupport.createFunction;
import static dev.finpipe.operator.testing.LambdaTestSupport.owner;
import static dev.finpipe.operator.testing.LambdaTestSupport.suffix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.support.TerminalException;
import dev.finpipe.operator.testing.Moto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class PermissionManagerTest {
  private final AwsCallRecorder recorder = new AwsCallRecorder(new SimpleMeterRegistry());
  private final AwsClients clients = Moto.clients(recorder);
  private final PermissionManager manager = new PermissionManager(clients);
  private final Ownership owner = owner();
  private final String name = "fn-" + suffix();
  private final String functionArn = createFunction(clients, name, owner);
  private final String bucketArn = "arn:aws:s3:::data-" + name;
  private final DesiredPermission s3Invoke =
      new DesiredPermission(functionArn, "s3-invoke", "s3.amazonaws.com", bucketArn, Moto.ACCOUNT_ID);

  @Test
  void addsTheStatementOnTheFunctionArnAndASecondConvergeMakesNoMutatingCall() throws Exception {
    assertThat(manager.converge(s3Invoke, owner).action()).isEqualTo(Convergence.Action.CREATED);
    JsonNode statement = new ObjectMapper()
        .readTree(clients.lambda().getPolicy(r -> r.functionName(functionArn)).policy()).path("Statement").get(0);
    assertThat(statement.path("Sid").asText()).isEqualTo("s3-invoke");
    assertThat(statement.path("Principal").path("Service").asText()).isEqualTo("s3.amazonaws.com");
    assertThat(statement.path("Condition").path("ArnLike").path("AWS:SourceArn").asText()).isEqualTo(bucketArn);
    assertThat(statement.path("Condition").path("StringEquals").path("AWS:SourceAccount").asText())
        .isEqualTo(Moto.ACCOUNT_ID);

    recorder.reset();
    assertThat(manager.converge(s3Invoke, owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
    assertThat(recorder.mutating()).isEmpty();
  }

  @Test
  void aRemovedPermissionIsAddedAgain() {
    manager.converge(s3Invoke, owner);
    clients.lambda().removePermission(r -> r.functionName(functionArn).statementId("s3-invoke"));

    assertThat(manager.converge(s3Invoke, owner).action()).isEqualTo(Convergence.Action.CREATED);
    assertThat(manager.observe(s3Invoke)).hasValueSatisfying(p -> assertThat(p.sourceArn()).isEqualTo(bucketArn));
  }

  @Test
  void aStatementWithAnotherSourceArnIsReplacedNotDuplicated() {
    DesiredPermission apiInvoke = new DesiredPermission(functionArn, "api-invoke", "apigateway.amazonaws.com",
        "arn:aws:execute-api:" + Moto.region() + ":" + Moto.ACCOUNT_ID + ":abc123/*/POST/upload", null);
    manager.converge(apiInvoke, owner);
    clients.lambda().removePermission(r -> r.functionName(functionArn).statementId("api-invoke"));
    clients.lambda().addPermission(r -> r.functionName(functionArn).statementId("api-invoke")
        .action("lambda:InvokeFunction").principal("apigateway.amazonaws.com")
        .sourceArn("arn:aws:execute-api:" + Moto.region() + ":" + Moto.ACCOUNT_ID + ":other/*/*/*"));

    Convergence corrected = manager.converge(apiInvoke, owner);

    assertThat(corrected.corrected()).extracting(FieldDrift::field).containsExactly("sourceArn");
    assertThat(manager.observe(apiInvoke)).hasValueSatisfying(p -> {
      assertThat(p.sourceArn()).isEqualTo(apiInvoke.sourceArn());
      assertThat(p.occurrences()).isEqualTo(1);
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
  void aPermissionOnAFunctionOwnedBySomeoneElseIsNotTouched() {
    String foreignArn = createFunction(clients, "fn-" + suffix(), owner());
    DesiredPermission onForeign =
        new DesiredPermission(foreignArn, "s3-invoke", "s3.amazonaws.com", "arn:aws:s3:::elsewhere", null);
    clients.lambda().addPermission(r -> r.functionName(foreignArn).statementId("s3-invoke")
        .action("lambda:InvokeFunction").principal("s3.amazonaws.com").sourceArn("arn:aws:s3:::theirs"));
    recorder.reset();

    assertThatThrownBy(() -> manager.converge(onForeign, owner))
        .isInstanceOfSatisfying(TerminalException.class, e -> assertThat(e.reason()).isEqualTo("ForeignResource"));
    assertThat(recorder.mutating()).isEmpty();
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
}
