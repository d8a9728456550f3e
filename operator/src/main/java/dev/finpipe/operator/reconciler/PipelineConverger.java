package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.aws.codestaging.CodeObject;
import dev.finpipe.operator.aws.codestaging.StagingBucketName;
import dev.finpipe.operator.aws.function.CodeSource;
import dev.finpipe.operator.aws.function.CodeUploads;
import dev.finpipe.operator.aws.restapi.RestApiEndpoints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * Runs the {@link ComponentTable}: converge goes through the {@link Stage}s in order, deletion in reverse; the
 * components of one stage run in parallel. A stage runs only when no component before it blocks (converge: any
 * not ready; deletion: one failed or pending, a retained one does not block); the components of the stages not
 * run are reported as waiting for the first that blocks.
 */
public final class PipelineConverger implements AutoCloseable {
  /** How many AWS resources one pipeline has: one per row of the component table. */
  public static final int COMPONENTS = ComponentTable.ROWS.size();
  /** Deletion deploys no code: the functions' desired state only names them. */
  private static final FunctionCode.Artifact NO_CODE = new FunctionCode.Artifact(new CodeSource.InS3(
      new CodeObject("none", "none", null), "none"));
  private final ExecutorService pool;
  private final FunctionCode code = new FunctionCode();
  private final CodeUploads uploads;

  /** Stages code in the default staging bucket ({@link StagingBucketName#DEFAULT_TEMPLATE}). */
  public PipelineConverger(int warmThreads) {
    this(warmThreads, StagingBucketName.DEFAULT_TEMPLATE);
  }

  /**
   * {@code warmThreads} are kept between passes; more are made as needed, none is shared by count: a pipeline
   * whose endpoint does not answer keeps only its own components' threads waiting, never a slot another
   * pipeline's components need (a fixed pool would let a few unanswered calls fill it for everyone).
   * {@code codeStagingBucket}: the template of the bucket function code is staged in ({@code --code-staging-bucket}).
   */
  public PipelineConverger(int warmThreads, String codeStagingBucket) {
    this.uploads = new CodeUploads(codeStagingBucket);
    this.pool = PassThreads.pool("aws-converge", warmThreads);
  }

  /** What a converge pass found and did, and the API URL once the API exists. */
  public record Outcome(List<ComponentResult> results, Optional<String> apiUrl) {
  }

  public Outcome converge(PipelineContext pipeline) {
    return converge(pipeline, PlanGate.AUTOMATIC);
  }

  /**
   * A converge pass whose changes are applied only as {@code gate} admits. A plan-only pass goes on through the
   * stages past creations it planned; it stops, like any pass, at a component whose reads failed.
   */
  Outcome converge(PipelineContext pipeline, PlanGate gate) {
    PipelineContext ctx = pipeline.forPass();
    Pass pass = Pass.start(ctx,
        code.resolveOnce(ctx.spec().functionsOrDefault().code, ctx.aws(), ctx.identity().accountId()), uploads);
    run(pass, Arrays.asList(Stage.values()), c -> true, (c, p) -> Steps.converge(c, p, gate),
        gate.planning() ? ComponentResult::blocking : r -> !r.ready());
    return new Outcome(List.copyOf(pass.done()), pass.api().map(RestApiEndpoints::url));
  }

  public List<ComponentResult> delete(PipelineContext pipeline) {
    PipelineContext ctx = pipeline.forPass();
    Pass pass = Pass.start(ctx, () -> NO_CODE, uploads);
    List<Stage> reversed = new ArrayList<>(Arrays.asList(Stage.values()));
    Collections.reverse(reversed);
    run(pass, reversed, c -> c.deletion() != Deletion.WITH_FUNCTION, Steps::delete, ComponentResult::blocking);
    return List.copyOf(pass.done());
  }

  private void run(Pass pass, List<Stage> stages, Predicate<Component<?>> included,
                   BiFunction<Component<?>, Pass, Task> step, Predicate<ComponentResult> blocks) {
    List<ComponentResult> results = pass.done();
    for (Stage stage : stages) {
      List<Task> tasks = ComponentTable.stage(stage).stream().filter(included).map(c -> step.apply(c, pass))
          .toList();
      Optional<ComponentResult> blocker = results.stream().filter(blocks).findFirst();
      if (blocker.isPresent()) {
        tasks.forEach(t -> results.add(ComponentResult.waiting(t.component(), t.kind(), t.name(),
            blocker.get().component())));
        continue;
      }
      tasks.stream().map(t -> CompletableFuture.supplyAsync(t.run(), pool)).toList()
          .forEach(f -> results.add(f.join()));
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
