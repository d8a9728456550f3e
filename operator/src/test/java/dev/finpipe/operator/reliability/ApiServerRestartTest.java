package dev.finpipe.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.testing.InProcessOperator;
import dev.finpipe.operator.testing.Pipelines;
import dev.finpipe.operator.testing.TestGround;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes API server goes away for a few seconds while a pipeline is being provisioned: the operator
 * finishes that pipeline, and its watch, re-established, sees a pipeline created after the restart.
 */
class ApiServerRestartTest {
  private static String namespace;
  private static InProcessOperator operator;

  @BeforeAll
  static void start() {
    TestGround.installCrd();
    namespace = TestGround.newNamespace("apiserver-restart");
    operator = InProcessOperator.start(namespace, "PT5S");
  }

  @AfterAll
  static void stop() {
    operator.close();
  }

  @Test
  void operatorRecoversItsWatchesAndFinishesTheWorkAfterAnApiServerRestart() throws Exception {
    Pipelines.create(namespace, "before", spec -> { });
    long start = System.nanoTime();
    restartApiServer(Duration.ofSeconds(3));
    System.out.printf("APISERVER: restarted (3 s down) %.1f s after the first pipeline was applied%n",
        (System.nanoTime() - start) / 1e9);

    Pipelines.create(namespace, "after", spec -> { });

    assertThat(Pipelines.awaitReady(namespace, "before").getStatus().resources).isNotEmpty();
    assertThat(Pipelines.awaitReady(namespace, "after").getStatus().resources).isNotEmpty();
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
