package dev.finpipe.operator.testing;

import static org.awaitility.Awaitility.await;

import dev.finpipe.operator.api.FinancialPipeline;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test ground of one on-cluster test class, registered as a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final OnCluster cluster = OnCluster.inNamespace("bucket").withOperator("PT2S");
 * ...
 * Pipelines.create(cluster.namespace(), "ready", spec -&gt; { });
 * </pre>
 *
 * <p>Before the class's own {@code @BeforeAll} (and after {@link FreshEmulatorPerClass}, a global extension, has
 * emptied the emulator) it installs the committed CRD (once per JVM), creates the class's namespace and, with
 * {@link #withOperator}, starts an {@link InProcessOperator} watching it. Without an operator (classes that start
 * {@code OperatorProcess}es themselves, or need none) it only gives the CRD and the namespace.
 *
 * <p>After the class's own {@code @AfterAll} it deletes the FinancialPipelines left in the class's namespaces while
 * an operator still runs to process their finalizers (a short-lived one if the class has none), waits for them
 * (bounded; finalizers still there then are removed), stops the operator and deletes the namespaces. Cleanup
 * trouble is reported on stderr and never fails the run.
 */
public final class OnCluster implements BeforeAllCallback, AfterAllCallback {
  /** How long cleanup waits for the operator to finish the pipelines' finalizers. */
  private static final Duration PIPELINES_GONE = Duration.ofSeconds(60);
  private static boolean crdInstalled;
  private final String prefix;
  private final String resync; // null: no operator
  private final String[] operatorArgs;
  private final List<String> namespaces = new ArrayList<>();
  private InProcessOperator operator;

  private OnCluster(String prefix, String resync, String... operatorArgs) {
    this.prefix = prefix;
    this.resync = resync;
    this.operatorArgs = operatorArgs;
  }

  /** The CRD and a namespace named {@code prefix-<random>}; no operator. */
  public static OnCluster inNamespace(String prefix) {
    return new OnCluster(prefix, null);
  }

  /**
   * Also an in-process operator watching the namespace, resyncing every {@code resync} (ISO-8601), with
   * {@code extraArgs} as in {@link InProcessOperator#start}.
   */
  public OnCluster withOperator(String resync, String... extraArgs) {
    return new OnCluster(prefix, resync, extraArgs);
  }

  /** The class's namespace (the one its operator watches). */
  public synchronized String namespace() {
    if (namespaces.isEmpty()) {
      throw new IllegalStateException("no namespace yet: register OnCluster as a static @RegisterExtension field");
    }
    return namespaces.get(0);
  }

  public synchronized InProcessOperator operator() {
    if (operator == null) {
      throw new IllegalStateException("no operator: declare it with OnCluster.inNamespace(..).withOperator(..)");
    }
    return operator;
  }

  /** Another namespace, not watched by the class's operator; cleaned up with the class's namespace. */
  public synchronized String newNamespace(String prefix) {
    String namespace = TestGround.newNamespace(prefix);
    namespaces.add(namespace);
    return namespace;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  /** What happens before the class; public for the extension's own test. */
  public synchronized void start() {
    installCrdOnce();
    newNamespace(prefix);
    if (resync != null) {
      operator = InProcessOperator.start(namespace(), resync, operatorArgs);
    }
  }

  /** What happens after the class; public for the extension's own test. */
  public synchronized void stop() {
    try {
      deletePipelines();
    } catch (RuntimeException e) {
      warn("could not delete the pipelines of " + namespaces, e);
    }
    try {
      if (operator != null) {
        operator.close();
      }
    } catch (RuntimeException e) {
      warn("could not stop the operator", e);
    } finally {
      operator = null;
    }
    namespaces.forEach(OnCluster::deleteNamespace);
    namespaces.clear();
  }

  private static synchronized void installCrdOnce() {
    if (!crdInstalled) {
      TestGround.installCrd();
      crdInstalled = true;
    }
  }

  private void deletePipelines() {
    List<FinancialPipeline> left = namespaces.stream().flatMap(ns -> pipelines(ns).stream()).toList();
    if (left.isEmpty()) {
      return;
    }
    long start = System.nanoTime();
    namespaces.forEach(ns -> kubernetes().resources(FinancialPipeline.class).inNamespace(ns).delete());
    if (left.stream().anyMatch(fp -> !fp.getMetadata().getFinalizers().isEmpty())) {
      // Only an operator removes its finalizer, once it has deleted the pipeline's AWS resources.
      InProcessOperator cleaner = operator == null
          ? InProcessOperator.start(String.join(",", namespaces), "PT2S") : null;
      try {
        await().atMost(PIPELINES_GONE).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
            .until(() -> namespaces.stream().allMatch(ns -> pipelines(ns).isEmpty()));
      } catch (ConditionTimeoutException e) {
        namespaces.stream().flatMap(ns -> pipelines(ns).stream()).forEach(OnCluster::dropFinalizers);
      } finally {
        if (cleaner != null) {
          cleaner.close();
        }
      }
    }
    System.out.printf("OnCluster: %d pipeline(s) left by the class deleted in %.1f s%n", left.size(),
        (System.nanoTime() - start) / 1e9);
  }

  private static List<FinancialPipeline> pipelines(String namespace) {
    return kubernetes().resources(FinancialPipeline.class).inNamespace(namespace).list().getItems();
  }

  private static void dropFinalizers(FinancialPipeline fp) {
    warn("pipeline " + fp.getMetadata().getNamespace() + "/" + fp.getMetadata().getName() + " still there after "
        + PIPELINES_GONE + "; removing its finalizers " + fp.getMetadata().getFinalizers(), null);
    try {
      kubernetes().resource(fp).patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
    } catch (KubernetesClientException e) {
      warn("could not remove the finalizers of " + fp.getMetadata().getName(), e);
    }
  }

  /**
   * Deletes the namespace and, as the test ground runs no controller manager whose namespace controller would,
   * its content and its {@code kubernetes} finalizer; otherwise it would stay Terminating for good.
   */
  private static void deleteNamespace(String namespace) {
    try {
      // What the tests and the operator create in a namespace.
      kubernetes().v1().events().inNamespace(namespace).delete();
      kubernetes().secrets().inNamespace(namespace).delete();
      kubernetes().configMaps().inNamespace(namespace).delete();
      kubernetes().serviceAccounts().inNamespace(namespace).delete();
      kubernetes().leases().inNamespace(namespace).delete();
      kubernetes().namespaces().withName(namespace).delete();
      Namespace left = kubernetes().namespaces().withName(namespace).get();
      if (left != null && left.getSpec() != null && !left.getSpec().getFinalizers().isEmpty()) {
        left.getSpec().setFinalizers(List.of());
        kubernetes().raw("/api/v1/namespaces/" + namespace + "/finalize", "PUT", left);
      }
    } catch (KubernetesClientException e) {
      warn("could not delete namespace " + namespace, e);
    }
  }

  private static KubernetesClient kubernetes() {
    return TestGround.kubernetes();
  }

  private static void warn(String message, Exception e) {
    System.err.println("OnCluster cleanup: " + message + (e == null ? "" : ": " + e));
  }
}
