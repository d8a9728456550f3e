package dev.finpipe.operator.testing;

import dev.finpipe.operator.api.FinancialPipeline;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real kube-apiserver of the local test ground ({@code e2e/testenv/up}), reached through
 * {@code KUBECONFIG}. Without it tests fail with instructions instead of skipping.
 */
public final class TestGround {
  private static KubernetesClient client;

  private TestGround() {
  }

  public static synchronized KubernetesClient kubernetes() {
    if (client == null) {
      if (System.getenv("KUBECONFIG") == null) {
        throw new IllegalStateException("KUBECONFIG is not set: start the test ground with 'e2e/testenv/up' and "
            + "'source target/testenv/env.sh' (or run the README's test command)");
      }
      client = new KubernetesClientBuilder().build();
    }
    return client;
  }

  public static Path repoRoot() {
    return Path.of(System.getProperty("finpipe.repoRoot", "..")).toAbsolutePath().normalize();
  }

  public static Path committedCrd() {
    return repoRoot().resolve("crds/financialpipelines.finpipe.dev-v1.yml");
  }

  /** Applies the committed CRD (server-side) and waits until it is established. */
  public static void installCrd() {
    try (InputStream in = Files.newInputStream(committedCrd())) {
      CustomResourceDefinition crd = kubernetes().apiextensions().v1().customResourceDefinitions().load(in).item();
      kubernetes().resource(crd).forceConflicts().serverSideApply();
      kubernetes().apiextensions().v1().customResourceDefinitions().withName(FinancialPipeline.CRD_NAME)
          .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
              .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())), 30, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + committedCrd(), e);
    }
  }

  /** A new namespace with a recognisable, unique name. */
  public static String newNamespace(String prefix) {
    String name = (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
    kubernetes().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata()
        .build()).create();
    return name;
  }

  public static Duration timeout() {
    return Duration.ofSeconds(90);
  }
}
