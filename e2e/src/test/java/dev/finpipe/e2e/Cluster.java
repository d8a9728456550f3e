package dev.finpipe.e2e;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** The admin connection to the cluster under test (KUBECONFIG), shared by the suite. */
public final class Cluster {
  private static KubernetesClient admin;

  private Cluster() {
  }

  public static synchronized KubernetesClient admin() {
    if (admin == null) {
      E2eEnvironment.kubeconfig();
      admin = new KubernetesClientBuilder().build();
    }
    return admin;
  }

  /** The server's version without the leading "v", as helm's --kube-version wants it. */
  public static String serverVersion() {
    return admin().getKubernetesVersion().getGitVersion().replaceFirst("^v", "");
  }

  public static String createNamespace(String prefix) {
    String name = E2eEnvironment.uniqueName(prefix);
    admin().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .addToLabels("finpipe.dev/e2e", "true").endMetadata().build()).create();
    return name;
  }

  /** Best effort: without a controller-manager (local ground) namespaces stay Terminating, which is harmless. */
  public static void deleteNamespace(String name) {
    if (name != null) {
      admin().namespaces().withName(name).delete();
    }
  }
}
