package dev.finpipe.operator.aws;

/** A desired record: how the resource is found and named in messages. */
public interface Desired {
  /** The resource's deterministic name (or, for a part of another resource, {@code <parent>#<id>}). */
  String name();
}
