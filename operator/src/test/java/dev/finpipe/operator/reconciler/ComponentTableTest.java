package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The component table: what a pipeline is made of, in which stage, and what deleting it does to each part. */
class ComponentTableTest {
  private static final Map<String, Component<?>> BY_ID = ComponentTable.ROWS.stream()
      .collect(Collectors.toMap(Component::id, Function.identity()));

  @Test
  void everyComponentHasItsOwnIdAndAPipelineHas31() {
    assertThat(BY_ID).hasSize(ComponentTable.ROWS.size());
    assertThat(PipelineConverger.COMPONENTS).isEqualTo(31);
  }

  @Test
  void rowsAreListedInStageOrderSoTheTableReadsAsTheConvergeOrder() {
    assertThat(ComponentTable.ROWS).extracting(Component::stage).isSortedAccordingTo(Enum::compareTo);
  }

  @ParameterizedTest(name = "{0}: stage {1}, deletion {2}")
  @CsvSource({
      "bucket, FOUNDATION, RETAIN",
      "processor-queue, FOUNDATION, RETAIN_WHILE_HOLDING_DATA",
      "upload-log-group, FOUNDATION, ALWAYS",
      "status-alarm, FOUNDATION, ALWAYS",
      "results-role, ROLES, ALWAYS",
      "processor-function, FUNCTIONS, ALWAYS",
      "upload-async-config, WIRING, ALWAYS",
      "processor-s3-permission, WIRING, WITH_FUNCTION",
      "api, WIRING, ALWAYS",
      "bucket-notification, ENTRY_POINTS, ALWAYS",
      "status-api-permission, ENTRY_POINTS, WITH_FUNCTION",
  })
  void eachComponentHasItsStageAndDeletionRule(String id, Stage stage, Deletion deletion) {
    assertThat(BY_ID.get(id)).isNotNull().satisfies(c -> {
      assertThat(c.stage()).isEqualTo(stage);
      assertThat(c.deletion()).isEqualTo(deletion);
    });
  }

  @Test
  void onlyTheApiPermissionsWaitForAnotherComponentAndTheyWaitForTheApi() {
    assertThat(ComponentTable.ROWS.stream().filter(c -> c.waitsFor() != null).map(Component::id))
        .containsExactlyInAnyOrder("upload-api-permission", "status-api-permission", "results-api-permission");
    assertThat(ComponentTable.ROWS).filteredOn(c -> c.waitsFor() != null)
        .allSatisfy(c -> assertThat(c.waitsFor()).isEqualTo(ComponentTable.API));
  }
}
