package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.PlanStatus;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.function.FunctionField;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which approval applies which plan: every branch of {@link PlanApproval#decide}. Pure. */
class PlanApprovalTest {
  private static final long GENERATION = 3;
  private static final ChangePlan CREATE = new ChangePlan(List.of(
      ChangePlan.Item.create("bucket", "S3 bucket", "fp-bucket"),
      ChangePlan.Item.create("status-function", "Lambda function", "fp_status")));
  private static final ChangePlan MEMORY = new ChangePlan(List.of(ChangePlan.Item.update("status-function",
      "Lambda function", "fp_status", List.of(FieldDrift.of(FunctionField.MEMORY, 1024, 512)))));
  private static final ChangePlan OTHER_FUNCTION = new ChangePlan(List.of(ChangePlan.Item.update("upload-function",
      "Lambda function", "fp_upload", List.of(FieldDrift.of(FunctionField.MEMORY, 1024, 512)))));
  private static final ChangePlan NOTHING = new ChangePlan(List.of());

  private static PlanStatus last(PlanStatus.State state, ChangePlan plan, String hash, String applied,
                                 long generation) {
    PlanStatus status = new PlanStatus();
    status.state = state;
    status.hash = hash;
    status.changes = plan.toStatus();
    status.appliedHash = applied;
    status.observedGeneration = generation;
    return status;
  }

  @Test
  void withoutApprovalThePlanWaits() {
    assertThat(PlanApproval.decide(CREATE, null, null, GENERATION))
        .isEqualTo(new PlanApproval.Hold(CREATE.hash(null), null));
  }

  @Test
  void theApprovalOfThePlanComputedNowAppliesIt() {
    assertThat(PlanApproval.decide(CREATE, null, CREATE.hash(null), GENERATION)).usingRecursiveComparison()
        .isEqualTo(new PlanApproval.Apply(CREATE.hash(null), CREATE.toStatus(), true));
  }

  @Test
  void anApprovalOfAnotherPlanIsStale() {
    String earlier = MEMORY.hash(null);
    assertThat(PlanApproval.decide(CREATE, null, earlier, GENERATION))
        .isEqualTo(new PlanApproval.Hold(CREATE.hash(null), earlier));
  }

  @Test
  void anApprovedPlanBeingAppliedGoesOnWhileWhatIsLeftIsPartOfIt() {
    PlanStatus applying = last(PlanStatus.State.Applying, CREATE, "h1", null, GENERATION);
    ChangePlan rest = new ChangePlan(List.of(CREATE.items().get(1)));
    assertThat(PlanApproval.decide(rest, applying, "h1", GENERATION)).usingRecursiveComparison()
        .isEqualTo(new PlanApproval.Apply("h1", applying.changes, false));
  }

  @Test
  void anApprovedPlanWithNothingLeftIsFinished() {
    PlanStatus applying = last(PlanStatus.State.Applying, CREATE, "h1", null, GENERATION);
    assertThat(PlanApproval.decide(NOTHING, applying, "h1", GENERATION)).isEqualTo(new PlanApproval.UpToDate(true));
  }

  @Test
  void aChangeOutsideTheApprovedPlanBeingAppliedNeedsANewApproval() {
    PlanStatus applying = last(PlanStatus.State.Applying, CREATE, "h1", null, GENERATION);
    assertThat(PlanApproval.decide(OTHER_FUNCTION, applying, "h1", GENERATION))
        .isEqualTo(new PlanApproval.Hold(OTHER_FUNCTION.hash(null), "h1"));
  }

  @Test
  void aSpecChangeWhileApplyingNeedsANewApproval() {
    PlanStatus applying = last(PlanStatus.State.Applying, CREATE, "h1", null, GENERATION);
    ChangePlan rest = new ChangePlan(List.of(CREATE.items().get(1)));
    assertThat(PlanApproval.decide(rest, applying, "h1", GENERATION + 1))
        .isEqualTo(new PlanApproval.Hold(rest.hash(null), "h1"));
  }

  @Test
  void anAppliedApprovalApprovesNoLaterPlanEvenWithTheSameChanges() {
    String applied = MEMORY.hash(null);
    PlanStatus done = last(PlanStatus.State.Applied, MEMORY, applied, applied, GENERATION);
    PlanApproval.Decision again = PlanApproval.decide(MEMORY, done, applied, GENERATION);
    assertThat(again).isEqualTo(new PlanApproval.Hold(MEMORY.hash(applied), null));
    assertThat(((PlanApproval.Hold) again).hash()).isNotEqualTo(applied);
  }

  @Test
  void nothingToDoIsUpToDate() {
    assertThat(PlanApproval.decide(NOTHING, null, "whatever", GENERATION)).isEqualTo(new PlanApproval.UpToDate(false));
  }
}
