package dev.finpipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The table tests of the test ground's IAM policy evaluator (e2e/testenv/lib/test_iam_enforcement.py), run with the
 * Python of the emulator's virtualenv (the one that runs the behaviour layer), so that the suite runs them too.
 */
@Order(1)
class IamEnforcementUnitTest {
  @Test
  void policyEvaluatorTableTestsPass() {
    Path lib = E2eEnvironment.repoRoot().resolve("e2e/testenv/lib");
    CommandResult result = Commands.run(List.of(python(), "-B", "-m", "unittest", "discover", "-v", "-s",
        lib.toString(), "-p", "test_iam_enforcement.py"), Duration.ofMinutes(2));
    assertThat(result.exitCode()).as("python -m unittest test_iam_enforcement:\n%s", result.output()).isZero();
    assertThat(result.output()).contains("OK").doesNotContain("skipped");
  }

  /** The python of the emulator's virtualenv (e2e/testenv/up creates it for versions.env's moto), else python3. */
  private static String python() {
    Path cache = Path.of(System.getenv().getOrDefault("FINPIPE_TOOLS_CACHE",
        System.getProperty("user.home") + "/.cache/finpipe-testenv"));
    try {
      String version = Files.readAllLines(E2eEnvironment.repoRoot().resolve("e2e/testenv/versions.env")).stream()
          .filter(l -> l.startsWith("MOTO_VERSION=")).map(l -> l.substring("MOTO_VERSION=".length()).strip())
          .findFirst().orElseThrow(() -> new AssertionError("versions.env names no MOTO_VERSION"));
      Path python = cache.resolve("moto-" + version).resolve("bin/python");
      return Files.isExecutable(python) ? python.toString() : "python3";
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
