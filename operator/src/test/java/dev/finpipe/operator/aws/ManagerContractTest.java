package dev.finpipe.operator.aws;

import dev.finpipe.operator.testing.Requeue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.aws.Convergence.Action;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.support.TerminalException;
import dev.finpipe.operator.testing.LambdaTestSupport;
import dev.finpipe.operator.testing.Moto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ResourceManager} promises, written once and run against the AWS emulator for each kind:
 * an idempotent create, a drift corrected field by field, a resource owned by someone else refused and left
 * untouched, and a remove that deletes once. {@link ResourceManager#plan} never writes.
 *
 * <p>A kind's test extends this with its manager, a desired record with names unique to the test, one change
 * made out of band, a resource of the same name owned by someone else, and a cleanup. JUnit makes a new
 * instance per test, so field initializers of a subclass may use {@link #clients} and {@link #owner}.
 *
 * @param <D> the kind's desired record
 * @param <O> what its manager observes
 */
public abstract class ManagerContractTest<D extends Desired, O extends Observed> {
  /** Counts the calls of {@link #clients}; {@link AwsCallRecorder#mutating()} is what a test asserts on. */
  protected final AwsCallRecorder recorder = new AwsCallRecorder(new SimpleMeterRegistry());
  protected final AwsClients clients = Moto.clients(recorder);
  /** The pipeline that owns what this test converges. */
  protected final Ownership owner = LambdaTestSupport.owner();
  /** Whoever owns the resource of {@link #createForeign}, once a test made one. */
  private Ownership other;
  private D foreign;

  /** The manager under test, on {@link #clients}. */
  protected abstract ResourceManager<D, O> manager();

  /** The resource as this test wants it, owned by {@link #owner}; the same record on every call. */
  protected abstract D desired();

  /**
   * The tags AWS holds on the resource itself, read without the manager; empty for a kind that has no tags of
   * its own (it reports its parent's, which the contract checks through {@link ResourceManager#tagsOf}).
   */
  protected abstract Optional<Map<String, String>> ownTags(D desired);

  /**
   * Changes exactly one managed field of the converged resource out of band, as a console user would.
   *
   * @return the name the manager must report for it, e.g. {@code MessageRetentionPeriod}
   */
  protected abstract String driftOneField(D desired);

  /**
   * Creates, out of band, a resource of the name {@link #desired()} would take but owned by {@code other}. A kind
   * without tags of its own belongs to its parent's owner: create a parent (function, bucket) owned by
   * {@code other} and the resource on it.
   *
   * @return the desired record that names that resource
   */
  protected abstract D createForeign(Ownership other);

  /** Kind-specific checks of a freshly created resource (attributes, ARN). */
  protected void verifyCreated(D desired, Convergence created) {
  }

  /**
   * Kind-specific checks right after the drift of {@link #driftOneField} was corrected: the value is back in
   * AWS; {@link #recorder} still holds only the correcting converge's calls.
   */
  protected void verifyCorrected(D desired) {
  }

  /**
   * Deletes what the test made besides the desired resource and the foreign one (both removed by their owners
   * before this runs): parents, out-of-band extras. Runs after each test.
   */
  protected void cleanUp() {
  }

  @AfterEach
  void removeWhatTheTestMade() {
    try {
      manager().remove(desired(), owner);
      if (foreign != null) {
        manager().remove(foreign, other);
      }
      cleanUp();
    } finally {
      clients.close();
    }
  }

  @Test
  protected void createIsIdempotentAndASecondConvergeMakesNoMutatingCall() {
    D desired = desired();
    assertThat(plannedWithoutWriting(desired).creates()).isTrue();

    Convergence created = Requeue.untilPropagated(() -> manager().converge(desired, owner));

    assertThat(created.action()).isEqualTo(Action.CREATED);
    assertThat(created.name()).isEqualTo(manager().nameOf(desired));
    ownTags(desired).ifPresent(tags -> assertThat(tags).containsAllEntriesOf(owner.tags()));
    assertThat(manager().observe(desired)).hasValueSatisfying(
        observed -> assertThat(manager().tagsOf(observed)).containsAllEntriesOf(owner.tags()));
    verifyCreated(desired, created);

    recorder.reset();
    Convergence second = manager().converge(desired, owner);

    assertThat(second.action()).isEqualTo(Action.UNCHANGED);
    assertThat(second.arn()).isEqualTo(created.arn());
    assertThat(recorder.mutating()).isEmpty();
  }

  /**
   * The tags go with the create call of a kind whose create takes them (CreateQueue, CreateLogGroup,
   * PutMetricAlarm, CreateRole, CreateFunction, CreateRestApi): no tag call follows, so a crash right after the
   * create cannot leave the resource without its ownership tags.
   */
  @Test
  protected void creatingMakesNoSeparateTagCall() {
    recorder.reset();
    D desired = desired();
    Requeue.untilPropagated(() -> manager().converge(desired, owner));

    ownTags(desired).ifPresent(tags -> assertThat(tags).containsAllEntriesOf(owner.tags()));
    assertThat(recorder.mutating().keySet()).as("mutating calls of the create")
        .noneMatch(call -> call.endsWith(":TagQueue") || call.endsWith(":TagRole") || call.endsWith(":TagResource"));
  }

  @Test
  protected void aFieldChangedOutOfBandIsPlannedWithoutWritingAndCorrectedByName() {
    D desired = desired();
    Requeue.untilPropagated(() -> manager().converge(desired, owner));
    String field = driftOneField(desired);

    Plan<O> plan = plannedWithoutWriting(desired);
    assertThat(plan.drift()).extracting(FieldDrift::field).containsExactly(field);

    recorder.reset();
    Convergence corrected = manager().converge(desired, owner);

    assertThat(corrected.action()).isEqualTo(Action.UPDATED);
    assertThat(corrected.corrected()).extracting(FieldDrift::field).containsExactly(field);
    verifyCorrected(desired);
    recorder.reset();
    assertThat(manager().converge(desired, owner).action()).isEqualTo(Action.UNCHANGED);
    assertThat(recorder.mutating()).isEmpty();
  }

  @Test
  protected void aResourceOwnedBySomeoneElseIsRefusedAndLeftUntouched() {
    other = LambdaTestSupport.owner();
    foreign = createForeign(other);
    assertThat(manager().observe(foreign)).as("what createForeign made").isPresent();

    assertRefusedAndLeftUntouched(foreign);
  }

  /**
   * Converging {@code theirs} fails with ForeignResource and removing it leaves it, neither making a mutating
   * call: it is observed the same afterwards (absent stays absent).
   */
  protected final void assertRefusedAndLeftUntouched(D theirs) {
    Optional<O> before = manager().observe(theirs);

    recorder.reset();
    assertThatThrownBy(() -> manager().converge(theirs, owner))
        .isInstanceOfSatisfying(TerminalException.class, e -> assertThat(e.reason()).isEqualTo("ForeignResource"));
    assertThat(recorder.mutating()).isEmpty();

    assertThat(manager().remove(theirs, owner).action()).isEqualTo(Action.ABSENT);
    assertThat(recorder.mutating()).isEmpty();
    assertThat(manager().observe(theirs)).isEqualTo(before);
  }

  @Test
  protected void removeDeletesOnceAndThenFindsNothing() {
    D desired = desired();
    Requeue.untilPropagated(() -> manager().converge(desired, owner));

    assertThat(manager().remove(desired, owner).action()).isEqualTo(Action.DELETED);
    assertThat(manager().observe(desired)).isEmpty();
    assertThat(manager().remove(desired, owner).action()).isEqualTo(Action.ABSENT);
  }

  /** {@link ResourceManager#plan}, asserted to make no mutating call. */
  private Plan<O> plannedWithoutWriting(D desired) {
    recorder.reset();
    Plan<O> plan = manager().plan(desired, owner);
    assertThat(recorder.mutating()).as("mutating calls of plan()").isEmpty();
    return plan;
  }
}
