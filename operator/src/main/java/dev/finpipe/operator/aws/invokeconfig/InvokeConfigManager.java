package dev.finpipe.operator.aws.invokeconfig;

import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ResourceManager;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.function.FunctionTags;
import dev.finpipe.operator.support.AwsErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.DestinationConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * A function's asynchronous invocation config (retry attempts + on-failure destination). Its own manager
 * rather than part of {@link FunctionManager}: it is a separate AWS API with its own lifecycle, and
 * the function manager stays small. It has no tags: it belongs to the function's owner, so
 * {@link #tagsOf} reports the function's tags.
 *
 * <p>Changes are written as delete + put: {@code PutFunctionEventInvokeConfig} replaces the config in AWS,
 * but the emulator appends and keeps returning the first one, so a plain put would never converge there.
 */
public final class InvokeConfigManager
    implements ResourceManager<DesiredInvokeConfig, ObservedInvokeConfig> {
  private final LambdaClient lambda;
  private final FunctionTags functionTags;

  public InvokeConfigManager(AwsClients clients) {
    this(clients, new FunctionTags(clients.lambda()));
  }

  /** {@code functionTags}: the pass's record of function tags (see {@link FunctionTags}). */
  public InvokeConfigManager(AwsClients clients, FunctionTags functionTags) {
    this.lambda = clients.lambda();
    this.functionTags = functionTags;
  }

  @Override
  public Optional<ObservedInvokeConfig> observe(DesiredInvokeConfig desired) {
    GetFunctionEventInvokeConfigResponse config;
    try {
      config = lambda.getFunctionEventInvokeConfig(r -> r.functionName(desired.functionArn()));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsErrors.classify("GetFunctionEventInvokeConfig " + desired.functionArn(), e);
    }
    String onFailure = config.destinationConfig() == null || config.destinationConfig().onFailure() == null
        ? null : config.destinationConfig().onFailure().destination();
    return Optional.of(new ObservedInvokeConfig(config.maximumRetryAttempts(), onFailure,
        functionTags.of(desired.functionArn())));
  }

  @Override
  public Map<String, String> tagsOf(ObservedInvokeConfig observed) {
    return observed.functionTags();
  }

  @Override
  public ObservedInvokeConfig create(DesiredInvokeConfig desired) {
    put(desired);
    return new ObservedInvokeConfig(desired.maximumRetryAttempts(), desired.onFailureDestinationArn(),
        Map.of());
  }

  @Override
  public List<FieldDrift> diff(DesiredInvokeConfig desired, ObservedInvokeConfig observed) {
    List<FieldDrift> drift = new ArrayList<>();
    if (!Objects.equals(desired.maximumRetryAttempts(), observed.maximumRetryAttempts())) {
      drift.add(FieldDrift.of("maximumRetryAttempts", desired.maximumRetryAttempts(),
          observed.maximumRetryAttempts()));
    }
    if (!Objects.equals(desired.onFailureDestinationArn(), observed.onFailureDestinationArn())) {
      drift.add(FieldDrift.of("destinationConfig.onFailure", desired.onFailureDestinationArn(),
          observed.onFailureDestinationArn()));
    }
    return drift;
  }

  @Override
  public void update(DesiredInvokeConfig desired, ObservedInvokeConfig observed,
                     List<FieldDrift> drift) {
    deleteConfig(desired);
    put(desired);
  }

  @Override
  public String nameOf(DesiredInvokeConfig desired) {
    return desired.functionArn();
  }

  @Override
  public String arnOf(DesiredInvokeConfig desired, ObservedInvokeConfig observed) {
    return desired.functionArn();
  }

  @Override
  public String kind() {
    return "Lambda asynchronous invocation config";
  }

  @Override
  public void delete(DesiredInvokeConfig desired, ObservedInvokeConfig observed) {
    deleteConfig(desired);
  }

  private void put(DesiredInvokeConfig d) {
    DestinationConfig destinations = d.onFailureDestinationArn() == null ? null
        : DestinationConfig.builder().onFailure(f -> f.destination(d.onFailureDestinationArn())).build();
    try {
      lambda.putFunctionEventInvokeConfig(r -> r.functionName(d.functionArn())
          .maximumRetryAttempts(d.maximumRetryAttempts()).destinationConfig(destinations));
    } catch (SdkException e) {
      throw AwsErrors.classify("PutFunctionEventInvokeConfig " + d.functionArn(), e);
    }
  }

  private void deleteConfig(DesiredInvokeConfig d) {
    try {
      lambda.deleteFunctionEventInvokeConfig(r -> r.functionName(d.functionArn()));
    } catch (ResourceNotFoundException e) {
      // already gone
    } catch (SdkException e) {
      throw AwsErrors.classify("DeleteFunctionEventInvokeConfig " + d.functionArn(), e);
    }
  }
}
