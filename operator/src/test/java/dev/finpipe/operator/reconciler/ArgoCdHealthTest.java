package dev.finpipe.operator.reconciler;

import static dev.finpipe.operator.reconciler.Results.failed;
import static dev.finpipe.operator.reconciler.Results.pending;
import static dev.finpipe.operator.reconciler.Results.ready;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.api.FinancialPipelineStatus;
import dev.finpipe.operator.testing.TestGround;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs docs/argocd-health.lua in gopher-lua (the Lua interpreter Argo CD embeds, built from the Go module proxy
 * into the tool cache) on statuses the operator's own StatusRecorder writes, one per phase.
 */
class ArgoCdHealthTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static Path glua;

  @BeforeAll
  static void buildLua() throws IOException, InterruptedException {
    Process build = new ProcessBuilder(TestGround.repoRoot().resolve("e2e/testenv/lib/build-promtool.sh").toString(),
        "glua").redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String bin = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(build.waitFor(15, TimeUnit.MINUTES)).isTrue();
    assertThat(build.exitValue()).as("build-promtool.sh glua").isZero();
    glua = Path.of(bin, "glua");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("statuses")
  void healthFollowsTheStatusTheOperatorWrites(String situation, String health, FinancialPipeline fp)
      throws Exception {
    List<String> result = run(fp);
    assertThat(result.get(0)).as("hs.status for %s", situation).isEqualTo(health);
    assertThat(result).as("hs.message").hasSizeGreaterThan(1);
  }

  static Stream<Arguments> statuses() {
    StatusRecorder r = new StatusRecorder(CLOCK);
    var foreign = ComponentResult.failed("bucket", "S3 bucket", "b", "ForeignResource", "owned by someone else");
    FinancialPipelineStatus readyStatus = r.converged(fp(1, null), List.of(ready("bucket")), "https://x/prod");
    return Stream.of(
        Arguments.of("no status yet", "Progressing", fp(1, null)),
        Arguments.of("first provisioning", "Progressing",
            fp(1, r.converged(fp(1, null), List.of(pending("api", "Throttled")), null))),
        Arguments.of("ready", "Healthy", fp(1, readyStatus)),
        Arguments.of("ready and healthy", "Healthy", fp(1, r.withHealth(fp(1, null),
            r.converged(fp(1, null), List.of(ready("bucket")), null),
            new dev.finpipe.operator.health.HealthVerdict("True", "Healthy", "quiet"), null))),
        Arguments.of("ready, but a dead-letter queue holds messages", "Degraded", fp(1, r.withHealth(
            fp(1, readyStatus), r.converged(fp(1, readyStatus), List.of(ready("bucket")), "https://x/prod"),
            new dev.finpipe.operator.health.HealthVerdict("False", "DeadLetterMessages", "processor function: "
                + "dead-letter queue fp_processor_dlq holds 1 message, oldest unknown"), null))),
        Arguments.of("spec changed, not observed yet", "Progressing", fp(2, readyStatus)),
        Arguments.of("ready, then a component fails", "Degraded",
            fp(1, r.converged(fp(1, readyStatus), List.of(pending("api", "AccessDenied")), null))),
        Arguments.of("terminal failure", "Degraded", fp(1, r.converged(fp(1, null), List.of(foreign), null))),
        Arguments.of("invalid spec", "Degraded", fp(1, r.invalid(fp(1, null), List.of("bad region")))),
        Arguments.of("paused", "Suspended", fp(1, r.paused(fp(1, readyStatus)))),
        Arguments.of("deletion blocked", "Progressing",
            fp(1, r.deleting(fp(1, readyStatus), List.of(failed("bucket", "BucketNotEmpty"))))),
        Arguments.of("deleting", "Progressing", fp(1, r.deleting(fp(1, readyStatus), List.of(Results.deleted("api"))))));
  }

  private static FinancialPipeline fp(long generation, FinancialPipelineStatus status) {
    FinancialPipeline fp = new FinancialPipeline();
    fp.setMetadata(new ObjectMetaBuilder().withName("p").withNamespace("ns").withGeneration(generation).build());
    fp.setStatus(status);
    if (status != null && status.observedGeneration == null) {
      status.observedGeneration = generation;
    }
    return fp;
  }

  /** Runs the health script with {@code obj} set the way Argo CD sets it: the resource as a Lua table. */
  private static List<String> run(FinancialPipeline fp) throws IOException, InterruptedException {
    String script = Files.readString(TestGround.repoRoot().resolve("docs/argocd-health.lua"));
    JsonNode obj = new ObjectMapper().readTree(TestGround.kubernetes().getKubernetesSerialization().asJson(fp));
    Path file = Files.createTempFile("argocd-health", ".lua");
    Files.writeString(file, "obj = " + lua(obj) + "\nlocal function health()\n" + script
        + "\nend\nlocal hs = health()\nprint(hs.status)\nprint(hs.message)\n");
    Process p = new ProcessBuilder(glua.toString(), file.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("glua output: %s", out).isZero();
    Files.delete(file);
    return out.lines().toList();
  }

  /** A JSON value as a Lua literal (objects as tables, arrays as sequences). */
  static String lua(JsonNode node) {
    if (node.isObject()) {
      StringBuilder b = new StringBuilder("{");
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        b.append("[").append(quote(e.getKey())).append("]=").append(lua(e.getValue())).append(",");
      }
      return b.append("}").toString();
    }
    if (node.isArray()) {
      StringBuilder b = new StringBuilder("{");
      node.forEach(item -> b.append(lua(item)).append(","));
      return b.append("}").toString();
    }
    if (node.isNumber() || node.isBoolean()) {
      return node.asText();
    }
    return node.isNull() ? "nil" : quote(node.asText());
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
