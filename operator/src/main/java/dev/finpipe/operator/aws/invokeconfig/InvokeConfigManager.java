package dev.finpipe.operator.aws.invokeconfig;

import static dev.finpipe.operator.aws.invokeconfig.InvokeConfigField.MAXIMUM_RETRY_ATTEMPTS;
import static dev.finpipe.operator.aws.invokeconfig.InvokeConfigField.ON_FAILURE;

import dev.finpipe.operator.aws.Drift;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.function.FunctionPartManager;
import dev.finpipe.operator.aws.function.FunctionTags;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.DestinationConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * A function's asynchronous invocation config (retry attempts + on-failure destination). Its own manager
 * rather than part of {@link FunctionManager}: it is a separate AWS API with its own lifecycle, and
 * the function manager stays small. It has no tags: it belongs to the function's owner, so
 * {@link ObservedInvokeConfig#tags} are the function's tags.
 *
 * <p>Changes are written as delete + put: {@code PutFunctionEventInvokeConfig} replaces the config in AWS,
 * but the emulator appends and keeps returning the first one, so a plain put would never converge there.
 */
public final class InvokeConfigManager
    extends FunctionPartManager<DesiredInvokeConfig, ObservedInvokeConfig> {

  public InvokeConfigManager(AwsClients clients) {
    this(clients, new FunctionTags(clients.lambda()));
  }

  public InvokeConfigManager(AwsClients clients, FunctionTags functionTags) {
    super("Lambda asynchronous invocation config", clients, functionTags);
  }

  @Override
  public Optional<ObservedInvokeConfig> observe(DesiredInvokeConfig desired) {
    return AwsCall.unlessAbsent("GetFunctionEventInvokeConfig " + desired.functionArn(),
        () -> client.getFunctionEventInvokeConfig(r -> r.functionName(desired.functionArn())),
        ResourceNotFoundException.class::isInstance).map(config -> read(desired, config));
  }

  private ObservedInvokeConfig read(DesiredInvokeConfig desired, GetFunctionEventInvokeConfigResponse config) {
    String onFailure = config.destinationConfig() == null || config.destinationConfig().onFailure() == null
        ? null : config.destinationConfig().onFailure().destination();
    return new ObservedInvokeConfig(config.maximumRetryAttempts(), onFailure, functionTags(desired));
  }

  @Override
  public ObservedInvokeConfig create(DesiredInvokeConfig desired) {
    put(desired);
    return new ObservedInvokeConfig(desired.maximumRetryAttempts(), desired.onFailureDestinationArn(),
        Map.of());
  }

  @Override
  public List<FieldDrift> diff(DesiredInvokeConfig desired, ObservedInvokeConfig observed) {
    return new Drift()
        .compare(MAXIMUM_RETRY_ATTEMPTS, desired.maximumRetryAttempts(), observed.maximumRetryAttempts())
        .compare(ON_FAILURE, desired.onFailureDestinationArn(), observed.onFailureDestinationArn())
        .list();
  }

  @Override
  public void update(DesiredInvokeConfig desired, ObservedInvokeConfig observed,
                     List<FieldDrift> drift) {
    deleteConfig(desired);
    put(desired);
  }

  @Override
  public String arnOf(DesiredInvokeConfig desired, ObservedInvokeConfig observed) {
    return desired.functionArn();
  }

  @Override
  public void delete(DesiredInvokeConfig desired, ObservedInvokeConfig observed) {
    deleteConfig(desired);
  }

  private void put(DesiredInvokeConfig d) {
    DestinationConfig destinations = d.onFailureDestinationArn() == null ? null
        : DestinationConfig.builder().onFailure(f -> f.destination(d.onFailureDestinationArn())).build();
    AwsCall.run("PutFunctionEventInvokeConfig " + d.functionArn(), () -> client.putFunctionEventInvokeConfig(
        r -> r.functionName(d.functionArn()).maximumRetryAttempts(d.maximumRetryAttempts())
            .destinationConfig(destinations)));
  }

  private void deleteConfig(DesiredInvokeConfig d) {
    AwsCall.unlessGone("DeleteFunctionEventInvokeConfig " + d.functionArn(),
        () -> client.deleteFunctionEventInvokeConfig(r -> r.functionName(d.functionArn())),
        ResourceNotFoundException.class::isInstance);
  }
}
