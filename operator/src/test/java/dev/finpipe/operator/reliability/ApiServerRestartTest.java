package dev.finpipe.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Kubernetes API server goes away for a few seconds while a pipeline is being provisioned: the operator
 * finishes that pipeline, and its watch, re-established, sees a pipeline created after the restart.
 */
class ApiServerRestartTest {
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("apiserver-restart").withOperator("PT5S");

  @Test
  void operatorRecoversItsWatchesAndFinishesTheWorkAfterAnApiServerRestart() throws Exception {
    Pipelines.create(cluster.namespace(), "before", spec -> { });
    long start = System.nanoTime();
    restartApiServer(Duration.ofSeconds(3));
    System.out.printf("APISERVER: restarted (3 s down) %.1f s after the first pipeline was applied%n",
        (System.nanoTime() - start) / 1e9);

    Pipelines.create(cluster.namespace(), "after", spec -> { });

    assertThat(Pipelines.awaitReady(cluster.namespace(), "before").getStatus().resources).isNotEmpty();
    assertThat(Pipelines.awaitReady(cluster.namespace(), "after").getStatus().resources).isNotEmpty();
    System.out.printf("APISERVER: both pipelines Ready %.1f s after the first was applied%n",
        (System.nanoTime() - start) / 1e9);
  }

  /** Stops the test ground's API server and starts it again (same port, certificates and etcd data). */
  private static void restartApiServer(Duration down) throws IOException, InterruptedException {
    Process restart = new ProcessBuilder("bash",
        TestGround.repoRoot().resolve("e2e/testenv/restart-apiserver").toString(), String.valueOf(down.toSeconds()))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
    assertThat(restart.waitFor(120, TimeUnit.SECONDS)).as("restart-apiserver finished").isTrue();
    assertThat(restart.exitValue()).as("restart-apiserver exit code").isZero();
  }
}
