package dev.finpipe.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the suite runs: the cluster (KUBECONFIG), the AWS endpoint, the repository and how the operator runs.
 * Anything missing fails the suite with what to do; nothing is ever skipped.
 */
public final class E2eEnvironment {
  /** How the operator under test runs: a local process (default) or the chart's own pods. */
  public enum OperatorMode { PROCESS, IN_CLUSTER }

  private E2eEnvironment() {
  }

  public static String kubeconfig() {
    return required("KUBECONFIG", "the cluster the suite runs against (local ground: "
        + "'e2e/testenv/up && source target/testenv/env.sh')");
  }

  /** The AWS endpoint the test JVM checks AWS state through (the local emulator or a port-forward). */
  public static String awsEndpoint() {
    return required("AWS_ENDPOINT_URL", "the AWS endpoint, e.g. the moto server of 'e2e/testenv/up'");
  }

  /**
   * The endpoint the operator is told to use; in a cluster it differs from the one the test JVM reaches. Locally it
   * is the AWS behaviour layer when the ground runs one, so that the operator's calls meet IAM enforcement.
   */
  public static String operatorAwsEndpoint() {
    return env("FINPIPE_E2E_OPERATOR_AWS_ENDPOINT").or(() -> env("FINPIPE_AWS_BEHAVIOUR_URL"))
        .orElseGet(E2eEnvironment::awsEndpoint);
  }

  /** The AWS behaviour layer of the ground (IAM enforcement, AWS's timing), required by the tests of its rules. */
  public static String behaviourEndpoint() {
    return required("FINPIPE_AWS_BEHAVIOUR_URL", "the AWS behaviour layer, started by 'e2e/testenv/up' unless "
        + "FINPIPE_AWS_BEHAVIOUR=off");
  }

  public static String awsRegion() {
    return env("AWS_REGION").orElse("us-east-1");
  }

  public static OperatorMode operatorMode() {
    String mode = env("FINPIPE_E2E_OPERATOR").orElse("process");
    return switch (mode) {
      case "process" -> OperatorMode.PROCESS;
      case "in-cluster" -> OperatorMode.IN_CLUSTER;
      default -> throw new IllegalStateException("FINPIPE_E2E_OPERATOR must be 'process' or 'in-cluster', not '"
          + mode + "'");
    };
  }

  /** The image the chart deploys; only pulled in in-cluster mode (elsewhere no pod ever starts). */
  public static String imageRepository() {
    return env("FINPIPE_E2E_IMAGE_REPOSITORY").orElse("ghcr.io/finpipe/financial-pipeline-operator");
  }

  public static String imageTag() {
    return env("FINPIPE_E2E_IMAGE_TAG").orElse("e2e-not-pulled");
  }

  public static Path repoRoot() {
    return Path.of(System.getProperty("finpipe.repoRoot", "..")).toAbsolutePath().normalize();
  }

  public static Path chart() {
    return repoRoot().resolve("helm/financial-pipeline-operator");
  }

  public static Path operatorJar() {
    Path jar = Path.of(System.getProperty("finpipe.operatorJar",
        repoRoot().resolve("operator/target/financial-pipeline-operator.jar").toString()));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("operator jar " + jar + " does not exist: build it with "
          + "'mvn -B -f operator/pom.xml package -DskipTests' or pass -Dfinpipe.operatorJar=<path>");
    }
    return jar;
  }

  /** Logs and rendered manifests of this run, under e2e/target/. */
  public static Path outputDir() {
    Path dir = Path.of(System.getProperty("finpipe.e2eOutput", "target/e2e")).toAbsolutePath();
    try {
      return Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create " + dir, e);
    }
  }

  public static String helm() {
    return env("HELM").orElse("helm");
  }

  public static String kubectl() {
    return env("KUBECTL").orElse("kubectl");
  }

  /** A unique, valid namespace name: the suite shares clusters with other runs. */
  public static String uniqueName(String prefix) {
    return (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
  }

  private static String required(String name, String what) {
    return env(name).orElseThrow(() -> new IllegalStateException(name + " is not set: it must name " + what
        + ". The e2e suite never skips; see e2e/README.md."));
  }

  private static Optional<String> env(String name) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
