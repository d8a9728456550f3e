package dev.finpipe.operator.aws;

/** The base of every kind's manager: the kind's name for messages and events, given once. */
public abstract class AbstractResourceManager<D extends Desired, O extends Observed> implements ResourceManager<D, O> {
  private final String kind;

  protected AbstractResourceManager(String kind) {
    this.kind = kind;
  }

  @Override
  public final String kind() {
    return kind;
  }
}
