package dev.finpipe.e2e;

import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * A kubeconfig that authenticates as a ServiceAccount (a TokenRequest token), with the server and CA of the
 * admin's: a process using it has exactly the permissions the chart's RBAC grants that ServiceAccount.
 */
public final class ServiceAccountKubeconfig {
  private ServiceAccountKubeconfig() {
  }

  public static Path write(KubernetesClient admin, String namespace, String serviceAccount, Path file) {
    TokenRequest request = new TokenRequestBuilder().withNewSpec().withExpirationSeconds(3600L).endSpec().build();
    String token = admin.serviceAccounts().inNamespace(namespace).withName(serviceAccount).tokenRequest(request)
        .getStatus().getToken();
    Config config = admin.getConfiguration();
    String user = "system:serviceaccount:" + namespace + ":" + serviceAccount;
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: e2e
          cluster:
            server: %s
        %s
        users:
        - name: "%s"
          user:
            token: %s
        contexts:
        - name: e2e
          context: {cluster: e2e, user: "%s", namespace: %s}
        current-context: e2e
        """.formatted(config.getMasterUrl(), trust(config), user, token, user, namespace);
    try {
      Files.createDirectories(file.getParent());
      writePrivately(file, yaml);
      return file;
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file, e);
    }
  }

  /** Writes {@code text} into a file that is owner-only (0600) from its creation: it holds a bearer token. */
  static void writePrivately(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text);
  }

  /** The cluster's CA as inline data (the admin kubeconfig may hold it inline or as a file path). */
  private static String trust(Config config) {
    String indent = "    ";
    if (config.getCaCertData() != null && !config.getCaCertData().isBlank()) {
      return indent + "certificate-authority-data: " + config.getCaCertData();
    }
    if (config.getCaCertFile() != null) {
      try {
        byte[] pem = Files.readAllBytes(Path.of(config.getCaCertFile()));
        return indent + "certificate-authority-data: " + Base64.getEncoder().encodeToString(pem);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the cluster CA " + config.getCaCertFile(), e);
      }
    }
    return indent + "insecure-skip-tls-verify: " + config.isTrustCerts();
  }
}
