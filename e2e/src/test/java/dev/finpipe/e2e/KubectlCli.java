package dev.finpipe.e2e;

import java.time.Duration;
import java.util.List;

/** The real kubectl binary (PATH, or the KUBECTL env variable) against the suite's KUBECONFIG. */
public final class KubectlCli {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private final String kubectl = E2eEnvironment.kubectl();

  /** Sends {@code manifests} through admission (schema, RBAC escalation checks) without storing them. */
  public CommandResult applyServerDryRun(String manifests) {
    return Commands.run(List.of(kubectl, "apply", "--dry-run=server", "-f", "-"), manifests, TIMEOUT);
  }
}
