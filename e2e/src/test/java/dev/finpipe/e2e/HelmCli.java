package dev.finpipe.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real helm binary (PATH, or the HELM env variable) against the suite's KUBECONFIG. */
public final class HelmCli {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private final String helm = E2eEnvironment.helm();
  private final Path chart;

  public HelmCli(Path chart) {
    this.chart = chart;
  }

  public CommandResult lintStrict(Map<String, String> values) {
    List<String> command = new ArrayList<>(List.of(helm, "lint", "--strict", chart.toString()));
    command.addAll(sets(values));
    return Commands.run(command, TIMEOUT);
  }

  /** The rendered manifests, CRDs included, for the given Kubernetes version. */
  public String template(String release, String namespace, String kubeVersion, Map<String, String> values) {
    List<String> command = new ArrayList<>(List.of(helm, "template", release, chart.toString(),
        "--namespace", namespace, "--kube-version", kubeVersion, "--include-crds"));
    command.addAll(sets(values));
    return Commands.run(command, TIMEOUT).orFail().output();
  }

  public CommandResult install(String release, String namespace, Map<String, String> values) {
    List<String> command = new ArrayList<>(List.of(helm, "install", release, chart.toString(),
        "--namespace", namespace));
    command.addAll(sets(values));
    return Commands.run(command, TIMEOUT).orFail();
  }

  /** Installs and waits until the Deployment is available: only meaningful where pods can start. */
  public CommandResult installAndWait(String release, String namespace, Map<String, String> values) {
    List<String> command = new ArrayList<>(List.of(helm, "install", release, chart.toString(),
        "--namespace", namespace, "--wait", "--timeout", "3m"));
    command.addAll(sets(values));
    return Commands.run(command, Duration.ofMinutes(4)).orFail();
  }

  /** Upgrades the release, keeping its values and setting {@code values}, and waits until it is available. */
  public CommandResult upgradeAndWait(String release, String namespace, Map<String, String> values) {
    List<String> command = new ArrayList<>(List.of(helm, "upgrade", release, chart.toString(),
        "--namespace", namespace, "--reuse-values", "--wait", "--timeout", "3m"));
    command.addAll(sets(values));
    return Commands.run(command, Duration.ofMinutes(4)).orFail();
  }

  public CommandResult uninstall(String release, String namespace) {
    return Commands.run(List.of(helm, "uninstall", release, "--namespace", namespace, "--wait"), TIMEOUT);
  }

  public boolean isInstalled(String release, String namespace) {
    return Commands.run(List.of(helm, "status", release, "--namespace", namespace), TIMEOUT).succeeded();
  }

  private static List<String> sets(Map<String, String> values) {
    List<String> args = new ArrayList<>();
    values.forEach((key, value) -> {
      args.add("--set");
      args.add(key + "=" + value);
    });
    return args;
  }
}
