package dev.finpipe.operator.api;

/** Summary of a pipeline's state, shown by kubectl get. */
public enum Phase {
  Pending,
  Provisioning,
  Ready,
  Degraded,
  Failed,
  Paused,
  Deleting
}
