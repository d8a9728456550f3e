package dev.finpipe.operator.aws;

/**
 * The base of every kind's manager: the kind's name for messages and events, and the client of the kind's AWS
 * service, given once.
 */
public abstract class AbstractResourceManager<D extends Desired, O extends Observed, C>
    implements ResourceManager<D, O> {
  /** The client of the kind's AWS service. */
  protected final C client;
  private final String kind;

  protected AbstractResourceManager(String kind, C client) {
    this.kind = kind;
    this.client = client;
  }

  @Override
  public final String kind() {
    return kind;
  }
}
