package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.DeletionPolicy;
import dev.finpipe.operator.aws.ResourceManager;
import dev.finpipe.operator.aws.alarm.AlarmManager;
import dev.finpipe.operator.aws.function.FunctionManager;
import dev.finpipe.operator.aws.invokeconfig.InvokeConfigManager;
import dev.finpipe.operator.aws.loggroup.LogGroupManager;
import dev.finpipe.operator.aws.notification.NotificationManager;
import dev.finpipe.operator.aws.permission.PermissionManager;
import dev.finpipe.operator.aws.queue.DesiredQueue;
import dev.finpipe.operator.aws.queue.QueueManager;
import dev.finpipe.operator.aws.restapi.RestApiEndpoints;
import dev.finpipe.operator.aws.restapi.RestApiManager;
import dev.finpipe.operator.aws.role.RoleManager;
import dev.finpipe.operator.policy.PipelineFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The tasks of each stage of {@link PipelineConverger}: which manager converges which desired record. */
final class Components {
  static final String API = "api";
  /**
   * Function converges at once, operator-wide: creating or updating a function sends the whole handlers jar
   * (~12 MB, ~16 MB base64 in JSON, several copies while marshalling), so unbounded parallelism across
   * pipelines would exhaust the heap.
   */
  private static final int CODE_UPLOADS = 2;
  private final java.util.concurrent.Semaphore codeUploads = new java.util.concurrent.Semaphore(CODE_UPLOADS, true);
  private final FunctionCode code;

  Components(FunctionCode code) {
    this.code = code;
  }

  private static String id(PipelineFunction f, String part) {
    return f.shortName() + "-" + part;
  }

  private static <D> Task converge(String component, ResourceManager<D, ?> manager, D desired, PipelineContext ctx) {
    return new Task(component, manager.kind(), manager.nameOf(desired),
        () -> Steps.converge(component, manager, desired, ctx));
  }

  private static <D> Task remove(String component, ResourceManager<D, ?> manager, D desired, PipelineContext ctx) {
    return new Task(component, manager.kind(), manager.nameOf(desired),
        () -> Steps.delete(component, manager, desired, ctx));
  }

  // ---- converge ----------------------------------------------------------------------------------------

  List<Task> foundation(PipelineContext ctx, DesiredState desired) {
    List<Task> tasks = new ArrayList<>();
    tasks.add(new Task(BucketComponent.ID, "S3 bucket", desired.bucket().name(),
        () -> BucketComponent.converge(ctx, desired)));
    var queues = new QueueManager(ctx.aws());
    var logs = new LogGroupManager(ctx.aws());
    var alarms = new AlarmManager(ctx.aws());
    boolean alarmsOn = ctx.spec().alarmsOrDefault().enabled;
    for (PipelineFunction f : PipelineFunction.values()) {
      tasks.add(converge(id(f, "queue"), queues, desired.deadLetterQueue(f), ctx));
      tasks.add(converge(id(f, "log-group"), logs, desired.logGroup(f), ctx));
      tasks.add(alarmsOn ? converge(id(f, "alarm"), alarms, desired.alarm(f), ctx)
          : remove(id(f, "alarm"), alarms, desired.alarm(f), ctx));
    }
    return tasks;
  }

  List<Task> roles(PipelineContext ctx, DesiredState desired) {
    var roles = new RoleManager(ctx.aws());
    return java.util.Arrays.stream(PipelineFunction.values())
        .map(f -> converge(id(f, "role"), roles, desired.role(f), ctx)).toList();
  }

  List<Task> functions(PipelineContext ctx, DesiredState desired) {
    var functions = new FunctionManager(ctx.aws(), ctx.functionTags());
    var artifact = code.resolveOnce(ctx.spec().functionsOrDefault().code, ctx.aws());
    return java.util.Arrays.stream(PipelineFunction.values()).map(f -> new Task(id(f, "function"),
        functions.kind(), ctx.names().function(f), () -> Steps.guarded(id(f, "function"), functions.kind(),
            ctx.names().function(f), () -> withUploadPermit(() -> Steps.converge(id(f, "function"), functions,
                desired.function(f, artifact.get()), ctx)))))
        .toList();
  }

  private ComponentResult withUploadPermit(java.util.function.Supplier<ComponentResult> step) {
    try {
      codeUploads.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.finpipe.operator.support.RetryableException("Interrupted", "interrupted while waiting to "
          + "upload function code");
    }
    try {
      return step.get();
    } finally {
      codeUploads.release();
    }
  }

  List<Task> wiring(PipelineContext ctx, DesiredState desired) {
    List<Task> tasks = new ArrayList<>();
    var configs = new InvokeConfigManager(ctx.aws(), ctx.functionTags());
    for (PipelineFunction f : PipelineFunction.values()) {
      tasks.add(converge(id(f, "async-config"), configs, desired.invokeConfig(f), ctx));
    }
    tasks.add(converge("processor-s3-permission", new PermissionManager(ctx.aws(), ctx.functionTags()),
        desired.s3InvokePermission(), ctx));
    tasks.add(converge(API, new RestApiManager(ctx.aws()), desired.restApi(), ctx));
    return tasks;
  }

  List<Task> entryPoints(PipelineContext ctx, DesiredState desired, Optional<RestApiEndpoints> api) {
    List<Task> tasks = new ArrayList<>();
    tasks.add(converge("bucket-notification", new NotificationManager(ctx.aws().s3()), desired.notification(),
        ctx));
    var permissions = new PermissionManager(ctx.aws(), ctx.functionTags());
    for (DesiredState.Route route : DesiredState.ROUTES) {
      String component = id(route.function(), "api-permission");
      tasks.add(api.map(a -> converge(component, permissions, desired.apiInvokePermission(route, a), ctx))
          .orElseGet(() -> new Task(component, permissions.kind(), component,
              () -> ComponentResult.waiting(component, permissions.kind(), component, API))));
    }
    return tasks;
  }

  // ---- delete (reverse order) --------------------------------------------------------------------------

  List<Task> removeEntryPoints(PipelineContext ctx, DesiredState desired) {
    List<Task> tasks = new ArrayList<>();
    tasks.add(remove("bucket-notification", new NotificationManager(ctx.aws().s3()), desired.notification(),
        ctx));
    var alarms = new AlarmManager(ctx.aws());
    for (PipelineFunction f : PipelineFunction.values()) {
      tasks.add(remove(id(f, "alarm"), alarms, desired.alarm(f), ctx));
    }
    return tasks;
  }

  /** The API goes with its permissions (they are statements in the functions' policies, deleted with them). */
  List<Task> removeWiring(PipelineContext ctx, DesiredState desired) {
    List<Task> tasks = new ArrayList<>();
    tasks.add(remove(API, new RestApiManager(ctx.aws()), desired.restApi(), ctx));
    var configs = new InvokeConfigManager(ctx.aws(), ctx.functionTags());
    for (PipelineFunction f : PipelineFunction.values()) {
      tasks.add(remove(id(f, "async-config"), configs, desired.invokeConfig(f), ctx));
    }
    return tasks;
  }

  List<Task> removeFunctions(PipelineContext ctx, DesiredState desired) {
    var functions = new FunctionManager(ctx.aws(), ctx.functionTags());
    FunctionCode.Artifact none = new FunctionCode.Artifact(new byte[0], "");
    return java.util.Arrays.stream(PipelineFunction.values())
        .map(f -> remove(id(f, "function"), functions, desired.function(f, none), ctx)).toList();
  }

  List<Task> removeRoles(PipelineContext ctx, DesiredState desired) {
    var roles = new RoleManager(ctx.aws());
    return java.util.Arrays.stream(PipelineFunction.values())
        .map(f -> remove(id(f, "role"), roles, desired.role(f), ctx)).toList();
  }

  /**
   * Data holders last. Retain keeps the bucket with its objects and every queue that holds failed events;
   * Delete removes them all, except a bucket that still holds objects. Log groups go in both cases.
   */
  List<Task> removeFoundation(PipelineContext ctx, DesiredState desired) {
    boolean delete = ctx.spec().deletionPolicy == DeletionPolicy.Delete;
    List<Task> tasks = new ArrayList<>();
    var queues = new QueueManager(ctx.aws());
    var logs = new LogGroupManager(ctx.aws());
    for (PipelineFunction f : PipelineFunction.values()) {
      DesiredQueue queue = desired.deadLetterQueue(f);
      tasks.add(delete ? remove(id(f, "queue"), queues, queue, ctx) : new Task(id(f, "queue"), queues.kind(),
          queue.name(), () -> removeQueueUnlessItHoldsMessages(id(f, "queue"), queues, queue, ctx)));
      tasks.add(remove(id(f, "log-group"), logs, desired.logGroup(f), ctx));
    }
    tasks.add(new Task(BucketComponent.ID, "S3 bucket", desired.bucket().name(),
        () -> BucketComponent.delete(ctx, desired)));
    return tasks;
  }

  private static ComponentResult removeQueueUnlessItHoldsMessages(String component, QueueManager queues,
                                                                  DesiredQueue queue, PipelineContext ctx) {
    return Steps.guarded(component, queues.kind(), queue.name(), () -> {
      var observed = queues.observe(queue);
      if (observed.isPresent() && ctx.owner().owns(queues.tagsOf(observed.get()))
          && QueueManager.approximateMessages(observed.get()) > 0) {
        return new ComponentResult(component, queues.kind(), queue.name(), null, ComponentResult.State.Retained, null,
            "kept by deletionPolicy Retain: it holds failed events", Optional.empty());
      }
      return Steps.delete(component, queues, queue, ctx);
    });
  }
}
