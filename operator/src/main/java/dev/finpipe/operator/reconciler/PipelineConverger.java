package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.aws.restapi.RestApiEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Converges the pipeline's components in dependency order; the components of one stage are independent
 * and run in parallel. A stage runs only when every component before it is ready; the components of the
 * stages not run are reported as waiting for the first one that is not. Deletion runs the stages in reverse.
 *
 * <pre>
 * 1  bucket · 4 dead-letter queues · 4 log groups · 4 alarms
 * 2  4 IAM roles                                  (policies name the bucket, queue and log group)
 * 3  4 Lambda functions                           (role, dead-letter queue)
 * 4  4 async invoke configs · S3 invoke permission · REST API (integrations need the function ARNs)
 * 5  bucket notification (S3 validates the permission) · 3 API invoke permissions (need the API id)
 * </pre>
 */
public final class PipelineConverger implements AutoCloseable {
  private final ExecutorService pool;
  private final Components components;

  public PipelineConverger(int parallelism) {
    this.pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "aws-converge");
      t.setDaemon(true);
      return t;
    });
    this.components = new Components(new FunctionCode());
  }

  /** What a converge pass found and did, and the API URL once the API exists. */
  public record Outcome(List<ComponentResult> results, Optional<String> apiUrl) {
  }

  public Outcome converge(PipelineContext pipeline) {
    PipelineContext ctx = pipeline.forPass();
    DesiredState desired = new DesiredState(ctx);
    List<Function<List<ComponentResult>, List<Task>>> stages = List.of(
        done -> components.foundation(ctx, desired),
        done -> components.roles(ctx, desired),
        done -> components.functions(ctx, desired),
        done -> components.wiring(ctx, desired),
        done -> components.entryPoints(ctx, desired, apiEndpoints(ctx, done)));
    List<ComponentResult> results = run(stages, true);
    return new Outcome(results, apiEndpoints(ctx, results).map(RestApiEndpoints::url));
  }

  public List<ComponentResult> delete(PipelineContext pipeline) {
    PipelineContext ctx = pipeline.forPass();
    DesiredState desired = new DesiredState(ctx);
    List<Function<List<ComponentResult>, List<Task>>> stages = List.of(
        done -> components.removeEntryPoints(ctx, desired),
        done -> components.removeWiring(ctx, desired),
        done -> components.removeFunctions(ctx, desired),
        done -> components.removeRoles(ctx, desired),
        done -> components.removeFoundation(ctx, desired));
    return run(stages, false);
  }

  private List<ComponentResult> run(List<Function<List<ComponentResult>, List<Task>>> stages, boolean gate) {
    List<ComponentResult> results = new ArrayList<>();
    Optional<ComponentResult> blocker = Optional.empty();
    for (var stage : stages) {
      List<Task> tasks = stage.apply(results);
      if (blocker.isPresent()) {
        String why = blocker.get().component();
        tasks.forEach(t -> results.add(ComponentResult.waiting(t.component(), t.kind(), t.name(), why)));
        continue;
      }
      List<CompletableFuture<ComponentResult>> running = tasks.stream()
          .map(t -> CompletableFuture.supplyAsync(t.run(), pool)).toList();
      running.forEach(f -> results.add(f.join()));
      blocker = gate ? results.stream().filter(r -> !r.ready()).findFirst() : firstBlockingDeletion(results);
    }
    return results;
  }

  /** Deletion goes on past a retained component, but not past one that failed or is still pending. */
  private static Optional<ComponentResult> firstBlockingDeletion(List<ComponentResult> results) {
    return results.stream().filter(r -> r.state() == ComponentResult.State.Failed
        || r.state() == ComponentResult.State.Pending).findFirst();
  }

  private static Optional<RestApiEndpoints> apiEndpoints(PipelineContext ctx, List<ComponentResult> results) {
    return results.stream().filter(r -> r.component().equals(Components.API) && r.ready() && r.arn() != null)
        .findFirst()
        .map(r -> RestApiEndpoints.fromExecutionArn(r.arn(), ctx.spec().apiOrDefault().stageName));
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
