package dev.finpipe.operator.aws.function;

import dev.finpipe.operator.aws.AbstractResourceManager;
import dev.finpipe.operator.aws.Observed;
import dev.finpipe.operator.aws.client.AwsClients;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The manager of a part of a function. A part has no tags of its own: it belongs to whoever owns the function, so
 * it reports the function's tags and is never added to a function owned by someone else.
 */
public abstract class FunctionPartManager<D extends FunctionPart, O extends Observed>
    extends AbstractResourceManager<D, O, LambdaClient> {
  private final FunctionTags functionTags;

  /** {@code functionTags}: the pass's record of function tags (see {@link FunctionTags}). */
  protected FunctionPartManager(String kind, AwsClients clients, FunctionTags functionTags) {
    super(kind, clients.lambda());
    this.functionTags = functionTags;
  }

  /** The tags of the part's function; empty when it does not exist. */
  protected Map<String, String> functionTags(D desired) {
    return functionTags.of(desired.functionArn());
  }

  /** The function: nothing is added to a function owned by someone else. */
  @Override
  public Optional<Parent> parent(D desired) {
    return functionTags.asParent(desired.functionArn());
  }
}
