package dev.finpipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Proves the RBAC check has teeth: the chart installed for one watched namespace (Role mode), then its Role
 * loses the financialpipelines/status rule. The pipeline must never become Ready and the operator must say
 * why (403 forbidden); with the rule restored the same pipeline converges.
 */
@Order(5)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RbacNegativeE2eTest {
  private static final String STATUS = "financialpipelines/status";
  private static final KubernetesClient ADMIN = Cluster.admin();
  private static String releaseNamespace;
  private static String watchedNamespace;
  private static OperatorRelease release;
  private static RunningOperator operator;
  private static FinancialPipelines pipelines;
  private static List<PolicyRule> installedRules;
  private static String pipeline;

  @BeforeAll
  static void installForOneNamespace() {
    releaseNamespace = Cluster.createNamespace("fpe2e-rbac-operator");
    watchedNamespace = Cluster.createNamespace("fpe2e-rbac-pipelines");
    pipelines = new FinancialPipelines(ADMIN, watchedNamespace);
    release = OperatorRelease.install(ADMIN, new HelmCli(E2eEnvironment.chart()), "fpo-rbac", releaseNamespace,
        Map.of("watchNamespaces", "{" + watchedNamespace + "}"));
  }

  @AfterAll
  static void cleanUp() {
    if (pipeline != null && pipelines.get(pipeline).isPresent() && operator != null) {
      // Leave no bucket behind: with the rule restored the operator can delete what it built.
      pipelines.patchSpec(pipeline, "{\"deletionPolicy\":\"Delete\"}");
      pipelines.delete(pipeline);
      try {
        Eventually.await("cleanup of " + pipeline, Duration.ofSeconds(60), operator,
            () -> pipelines.get(pipeline).isEmpty(), () -> pipelines.describe(pipeline));
      } catch (AssertionError e) {
        System.err.println("cleanup incomplete: " + e.getMessage());
      }
    }
    if (operator != null) {
      operator.close();
    }
    if (release != null && release.isInstalled()) {
      release.uninstall();
    }
    pipelines.removeFinalizers();
    Cluster.deleteNamespace(watchedNamespace);
    Cluster.deleteNamespace(releaseNamespace);
  }

  @Test
  @Order(1)
  void withoutTheStatusRuleThePipelineNeverBecomesReadyAndTheLogSaysForbidden() {
    Role role = pipelineRole();
    installedRules = role.getRules();
    assertThat(installedRules).anySatisfy(r -> assertThat(r.getResources()).contains(STATUS));
    ADMIN.rbac().roles().inNamespace(watchedNamespace).withName(role.getMetadata().getName()).edit(r -> {
      r.setRules(installedRules.stream().filter(rule -> !rule.getResources().contains(STATUS)).toList());
      return r;
    });

    operator = release.startOperator(watchedNamespace);
    pipeline = pipelines.createFrom(E2eEnvironment.repoRoot().resolve("crds/samples/minimal.yaml"));
    // This operator cannot write status at all, so any Ready condition comes from another operator that
    // watches this namespace too (e.g. a stray all-namespaces operator on a shared cluster).
    Eventually.never("a Ready condition without permission to write status (if another operator watches all "
        + "namespaces of this cluster, stop it)", Duration.ofSeconds(30), operator,
        () -> pipelines.readyStatus(pipeline).isPresent());
    // The refused status write comes once the AWS side has converged, which may take longer than the window.
    Eventually.await("the operator log names the refused request", Duration.ofSeconds(90), operator,
        () -> operator.log().toLowerCase(java.util.Locale.ROOT).contains("forbidden")
            && operator.log().contains("cannot patch resource \"" + STATUS + "\""), () -> operator.logTail(20));
  }

  @Test
  @Order(2)
  void restoringTheRuleLetsTheSamePipelineConverge() {
    ADMIN.rbac().roles().inNamespace(watchedNamespace).withName(pipelineRole().getMetadata().getName()).edit(r -> {
      r.setRules(installedRules);
      return r;
    });
    // The refused status writes exhausted the retries; a spec change is the next event that reconciles.
    pipelines.patchSpec(pipeline, "{\"bucket\":{\"processedExpirationDays\":31}}");
    Eventually.await("Ready=True once the rule is back", Duration.ofSeconds(120), operator,
        () -> pipelines.isReady(pipeline), () -> pipelines.describe(pipeline));
  }

  /** The Role the chart made for FinancialPipelines in the watched namespace. */
  private static Role pipelineRole() {
    return ADMIN.rbac().roles().inNamespace(watchedNamespace).withName(release.fullname()).require();
  }
}
