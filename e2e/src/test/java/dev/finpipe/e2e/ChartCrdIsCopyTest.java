package dev.finpipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

@Order(1)
class ChartCrdIsCopyTest {
  private static final String CRD = "financialpipelines.finpipe.dev-v1.yml";

  @Test
  void chartShipsTheCrdByteForByte() throws IOException {
    Path generated = E2eEnvironment.repoRoot().resolve("crds").resolve(CRD);
    Path inChart = E2eEnvironment.chart().resolve("crds").resolve(CRD);
    assertThat(inChart).as("the chart's CRD").exists();
    assertThat(Files.readAllBytes(inChart))
        .as("helm/financial-pipeline-operator/crds/%s differs from crds/%s (the CRD generated from the API "
            + "classes). Fix: cp crds/%s helm/financial-pipeline-operator/crds/%s", CRD, CRD, CRD, CRD)
        .isEqualTo(Files.readAllBytes(generated));
  }
}
