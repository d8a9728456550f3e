package dev.finpipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ServiceAccount kubeconfig holds a bearer token: only its owner may read it, from its creation on. */
class ServiceAccountKubeconfigTest {
  private String namespace;

  @AfterEach
  void cleanUp() {
    if (namespace != null) {
      Cluster.deleteNamespace(namespace);
    }
  }

  @Test
  void theKubeconfigIsOwnerOnlyEvenWhenAWorldReadableFileWasThere() throws Exception {
    namespace = Cluster.createNamespace("sa-kubeconfig");
    Cluster.admin().serviceAccounts().inNamespace(namespace)
        .resource(new ServiceAccountBuilder().withNewMetadata().withName("reader").endMetadata().build()).create();
    Path file = E2eEnvironment.outputDir().resolve(namespace + ".kubeconfig");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "stale");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    ServiceAccountKubeconfig.write(Cluster.admin(), namespace, "reader", file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(Files.readString(file)).contains("system:serviceaccount:" + namespace + ":reader");
  }
}
