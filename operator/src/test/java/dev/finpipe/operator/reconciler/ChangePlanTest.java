package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.PlannedChange;
import dev.finpipe.operator.api.PlannedChange.Action;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.function.FunctionField;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The plan's hash (what an approval names) and which changes an approved plan covers. Pure. */
class ChangePlanTest {
  private static final String FUNCTION = "Lambda function";

  private static ChangePlan.Item memory(int desired, int actual) {
    return ChangePlan.Item.update("status-function", FUNCTION, "fp_status",
        List.of(FieldDrift.of(FunctionField.MEMORY, desired, actual)));
  }

  private static ChangePlan.Item memoryAndTimeout(boolean timeoutFirst) {
    FieldDrift memory = FieldDrift.of(FunctionField.MEMORY, 1024, 512);
    FieldDrift timeout = FieldDrift.of(FunctionField.TIMEOUT, 20, 28);
    return ChangePlan.Item.update("status-function", FUNCTION, "fp_status",
        timeoutFirst ? List.of(timeout, memory) : List.of(memory, timeout));
  }

  private static final ChangePlan.Item BUCKET = ChangePlan.Item.create("bucket", "S3 bucket", "fp-bucket");
  private static final ChangePlan.Item ALARM = ChangePlan.Item.delete("status-alarm", "CloudWatch alarm", "fp-a");

  private static ChangePlan plan(ChangePlan.Item... items) {
    return new ChangePlan(List.of(items));
  }

  @Test
  void theSamePlanComputedAgainHasTheSameHash() {
    assertThat(plan(BUCKET, memory(1024, 512)).hash("prev")).isEqualTo(plan(BUCKET, memory(1024, 512)).hash("prev"))
        .matches("[0-9a-f]{64}");
  }

  @Test
  void theHashDoesNotDependOnTheOrderOfComponentsNorOfFields() {
    assertThat(plan(BUCKET, memory(1024, 512), ALARM).hash(null))
        .isEqualTo(plan(ALARM, memory(1024, 512), BUCKET).hash(null));
    assertThat(plan(memoryAndTimeout(true)).hash(null)).isEqualTo(plan(memoryAndTimeout(false)).hash(null));
  }

  @Test
  void theHashIgnoresTheActualValueItOverwrites() {
    assertThat(plan(memory(1024, 512)).hash(null)).isEqualTo(plan(memory(1024, 256)).hash(null));
  }

  static Stream<Arguments> changedPlans() {
    return Stream.of(
        Arguments.of("another desired value", plan(memory(2048, 512))),
        Arguments.of("another field", plan(ChangePlan.Item.update("status-function", FUNCTION, "fp_status",
            List.of(FieldDrift.of(FunctionField.TIMEOUT, 1024, 512))))),
        Arguments.of("another action", plan(ChangePlan.Item.create("status-function", FUNCTION, "fp_status"))),
        Arguments.of("another component", plan(ChangePlan.Item.update("upload-function", FUNCTION, "fp_status",
            List.of(FieldDrift.of(FunctionField.MEMORY, 1024, 512))))),
        Arguments.of("one more change", plan(memory(1024, 512), BUCKET)),
        Arguments.of("another field too", plan(memoryAndTimeout(false))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changedPlans")
  void anyChangeOfThePlanChangesTheHash(String change, ChangePlan changed) {
    assertThat(changed.hash(null)).isNotEqualTo(plan(memory(1024, 512)).hash(null));
  }

  @Test
  void theHashIsChainedToTheLastPlanApplied() {
    ChangePlan same = plan(memory(1024, 512));
    assertThat(same.hash("applied-before")).isNotEqualTo(same.hash(null)).isNotEqualTo(same.hash("other"));
  }

  static Stream<Arguments> coverage() {
    PlannedChange createFunction = new PlannedChange("status-function", FUNCTION, "fp_status", Action.Create,
        List.of());
    PlannedChange updateMemory = new PlannedChange("status-function", FUNCTION, "fp_status", Action.Update,
        List.of("memorySize"));
    PlannedChange deleteAlarm = new PlannedChange("status-alarm", "CloudWatch alarm", "fp-a", Action.Delete,
        List.of());
    return Stream.of(
        Arguments.of("the approved update", memory(1024, 512), updateMemory, true),
        Arguments.of("a field not approved", memoryAndTimeout(false), updateMemory, false),
        Arguments.of("an update completing an approved creation", memory(1024, 512), createFunction, true),
        Arguments.of("a creation where an update was approved",
            ChangePlan.Item.create("status-function", FUNCTION, "fp_status"), updateMemory, false),
        Arguments.of("another component", BUCKET, createFunction, false),
        Arguments.of("the approved deletion", ALARM, deleteAlarm, true),
        Arguments.of("a deletion where a creation was approved",
            ChangePlan.Item.delete("status-function", FUNCTION, "fp_status"), createFunction, false));
  }

  @ParameterizedTest(name = "{0}: {3}")
  @MethodSource("coverage")
  void anApprovedPlanCoversOnlyItsOwnChanges(String name, ChangePlan.Item item, PlannedChange approved,
                                             boolean covered) {
    assertThat(plan(item).within(List.of(approved))).isEqualTo(covered);
  }

  @Test
  void theStatusListsTheFieldsSortedByName() {
    assertThat(memoryAndTimeout(true).toStatus().fields).containsExactly("memorySize", "timeout");
  }
}
