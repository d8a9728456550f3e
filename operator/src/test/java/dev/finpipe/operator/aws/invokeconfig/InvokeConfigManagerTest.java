package dev.finpipe.operator.aws.invokeconfig;

import static dev.finpipe.operator.testing.LambdaTestSupport.createFunction;
import static dev.finpipe.operator.testing.LambdaTestSupport.dlqArn;
import static dev.finpipe.operator.testing.LambdaTestSupport.owner;
import static dev.finpipe.operator.testing.LambdaTestSupport.suffix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.support.TerminalException;
import dev.finpipe.operator.testing.Moto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;

class InvokeConfigManagerTest {
  private final AwsCallRecorder recorder = new AwsCallRecorder(new SimpleMeterRegistry());
  private final AwsClients clients = Moto.clients(recorder);
  private final InvokeConfigManager manager = new InvokeConfigManager(clients);
  private final Ownership owner = owner();
  private final String name = "fn-" + suffix();
  private final String functionArn = createFunction(clients, name, owner);
  private final DesiredInvokeConfig spec =
      new DesiredInvokeConfig(functionArn, 2, dlqArn("dlq-" + name));

  @Test
  void putsTwoRetriesAndTheDlqOnFailureAndASecondConvergeMakesNoMutatingCall() {
    assertThat(manager.converge(spec, owner).action()).isEqualTo(Convergence.Action.CREATED);
    GetFunctionEventInvokeConfigResponse actual = clients.lambda().getFunctionEventInvokeConfig(r -> r.functionName(name));
    assertThat(actual.maximumRetryAttempts()).isEqualTo(2);
    assertThat(actual.destinationConfig().onFailure().destination()).isEqualTo(dlqArn("dlq-" + name));

    recorder.reset();
    assertThat(manager.converge(spec, owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
    assertThat(recorder.mutating()).isEmpty();
  }

  @Test
  void retriesChangedOutOfBandAreDetectedAndReplaced() {
    manager.converge(spec, owner);
    // Replace the config the way a console user would; delete first, the emulator keeps the first put.
    clients.lambda().deleteFunctionEventInvokeConfig(r -> r.functionName(functionArn));
    clients.lambda().putFunctionEventInvokeConfig(r -> r.functionName(functionArn).maximumRetryAttempts(0));

    Convergence corrected = manager.converge(spec, owner);

    assertThat(corrected.corrected()).extracting(FieldDrift::field)
        .containsExactly("maximumRetryAttempts", "destinationConfig.onFailure");
    assertThat(manager.converge(spec, owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
    assertThat(clients.lambda().getFunctionEventInvokeConfig(r -> r.functionName(name)).maximumRetryAttempts())
        .isEqualTo(2);
  }

  @Test
  void theConfigOfAFunctionOwnedBySomeoneElseIsNotTouched() {
    Ownership someoneElse = owner();
    String foreignName = "fn-" + suffix();
    String foreignArn = createFunction(clients, foreignName, someoneElse);
    clients.lambda().putFunctionEventInvokeConfig(r -> r.functionName(foreignArn).maximumRetryAttempts(0));
    recorder.reset();

    assertThatThrownBy(() -> manager.converge(new DesiredInvokeConfig(foreignArn, 2, null), owner))
        .isInstanceOfSatisfying(TerminalException.class, e -> assertThat(e.reason()).isEqualTo("ForeignResource"));
    assertThat(recorder.mutating()).isEmpty();
  }

  @Test
  void removeDeletesTheConfig() {
    manager.converge(spec, owner);

    assertThat(manager.remove(spec, owner).action()).isEqualTo(Convergence.Action.DELETED);
    assertThat(manager.observe(spec)).isEmpty();
  }
}
