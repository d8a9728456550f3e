package dev.finpipe.operator.aws.invokeconfig;

import static dev.finpipe.operator.testing.LambdaTestSupport.dlqArn;
import static dev.finpipe.operator.testing.LambdaTestSupport.suffix;
import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ManagerContractTest;
import dev.finpipe.operator.aws.function.TestFunctions;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.testing.LambdaTestSupport;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.DestinationConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;

/** The config has no tags: it belongs to the function's owner, so the foreign cases use a foreign function. */
class InvokeConfigManagerTest extends ManagerContractTest<DesiredInvokeConfig, ObservedInvokeConfig> {
  private final InvokeConfigManager manager = new InvokeConfigManager(clients);
  private final TestFunctions functions = new TestFunctions(clients);
  private final String functionArn = functions.create(owner);
  private final String dlq = dlqArn("dlq-" + suffix());
  private final DesiredInvokeConfig spec = new DesiredInvokeConfig(functionArn, 2, dlq);

  @Override
  protected InvokeConfigManager manager() {
    return manager;
  }

  @Override
  protected DesiredInvokeConfig desired() {
    return spec;
  }

  private GetFunctionEventInvokeConfigResponse actual() {
    return clients.lambda().getFunctionEventInvokeConfig(r -> r.functionName(functionArn));
  }

  /** Replaces the config the way a console user would; delete first, the emulator keeps the first put. */
  private void replaceOutOfBand(int retries, String onFailure) {
    clients.lambda().deleteFunctionEventInvokeConfig(r -> r.functionName(functionArn));
    DestinationConfig destinations = onFailure == null ? null
        : DestinationConfig.builder().onFailure(f -> f.destination(onFailure)).build();
    clients.lambda().putFunctionEventInvokeConfig(r -> r.functionName(functionArn).maximumRetryAttempts(retries)
        .destinationConfig(destinations));
  }

  @Override
  protected Optional<Map<String, String>> ownTags(DesiredInvokeConfig desired) {
    return Optional.empty();
  }

  @Override
  protected void verifyCreated(DesiredInvokeConfig desired, Convergence created) {
    assertThat(actual().maximumRetryAttempts()).isEqualTo(2);
    assertThat(actual().destinationConfig().onFailure().destination()).isEqualTo(dlq);
  }

  @Override
  protected String driftOneField(DesiredInvokeConfig desired) {
    replaceOutOfBand(0, spec.onFailureDestinationArn());
    return "maximumRetryAttempts";
  }

  @Override
  protected void verifyCorrected(DesiredInvokeConfig desired) {
    assertThat(actual().maximumRetryAttempts()).isEqualTo(2);
  }

  @Override
  protected DesiredInvokeConfig createForeign(Ownership other) {
    String theirs = functions.create(other);
    clients.lambda().putFunctionEventInvokeConfig(r -> r.functionName(theirs).maximumRetryAttempts(0));
    return new DesiredInvokeConfig(theirs, 2, null);
  }

  @Override
  protected void cleanUp() {
    functions.deleteAll();
  }

  @Test
  void retriesAndDestinationReplacedOutOfBandAreBothReported() {
    manager.converge(spec, owner);
    replaceOutOfBand(0, null);

    Convergence corrected = manager.converge(spec, owner);

    assertThat(corrected.corrected()).extracting(FieldDrift::field)
        .containsExactly("maximumRetryAttempts", "destinationConfig.onFailure");
    assertThat(actual().destinationConfig().onFailure().destination()).isEqualTo(dlq);
    assertThat(manager.converge(spec, owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
  }

  @Test
  void noConfigIsPutOnAFunctionOwnedBySomeoneElse() {
    String theirs = functions.create(LambdaTestSupport.owner());

    assertRefusedAndLeftUntouched(new DesiredInvokeConfig(theirs, 2, null));
  }
}
