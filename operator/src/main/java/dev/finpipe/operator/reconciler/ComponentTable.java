package dev.finpipe.operator.reconciler;

import static dev.finpipe.operator.reconciler.Deletion.ALWAYS;
import static dev.finpipe.operator.reconciler.Deletion.RETAIN;
import static dev.finpipe.operator.reconciler.Deletion.RETAIN_WHILE_HOLDING_DATA;
import static dev.finpipe.operator.reconciler.Deletion.WITH_FUNCTION;
import static dev.finpipe.operator.reconciler.Stage.ENTRY_POINTS;
import static dev.finpipe.operator.reconciler.Stage.FOUNDATION;
import static dev.finpipe.operator.reconciler.Stage.FUNCTIONS;
import static dev.finpipe.operator.reconciler.Stage.ROLES;
import static dev.finpipe.operator.reconciler.Stage.WIRING;

import dev.finpipe.operator.aws.Desired;
import dev.finpipe.operator.aws.ResourceManager;
import dev.finpipe.operator.aws.alarm.AlarmManager;
import dev.finpipe.operator.aws.bucket.BucketManager;
import dev.finpipe.operator.aws.function.FunctionManager;
import dev.finpipe.operator.aws.invokeconfig.InvokeConfigManager;
import dev.finpipe.operator.aws.loggroup.LogGroupManager;
import dev.finpipe.operator.aws.notification.NotificationManager;
import dev.finpipe.operator.aws.permission.PermissionManager;
import dev.finpipe.operator.aws.queue.QueueManager;
import dev.finpipe.operator.aws.restapi.RestApiManager;
import dev.finpipe.operator.aws.role.RoleManager;
import dev.finpipe.operator.policy.PipelineFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Every component of a pipeline, one row each: converge runs the {@link Stage}s in order, deletion in reverse,
 * and each row says what deletion does to it. Adding an AWS resource kind is one package under {@code aws/}
 * and one row here (see the README's architecture notes).
 */
final class ComponentTable {
  static final String BUCKET = "bucket";
  static final String API = "api";

  static final List<Component<?>> ROWS = List.copyOf(rows());

  private ComponentTable() {
  }

  private static List<Component<?>> rows() {
    List<Component<?>> rows = new ArrayList<>();
    rows.add(Component.of(BUCKET, FOUNDATION, pass -> new BucketManager(pass.ctx().aws().s3(), pass.bucket()),
        pass -> pass.desired().bucket(), RETAIN));
    rows.addAll(perFunction("queue", FOUNDATION,
        pass -> new QueueManager(pass.ctx().aws(), pass.ctx().identity().accountId(), pass.listedTags()),
        (pass, f) -> pass.desired().deadLetterQueue(f), RETAIN_WHILE_HOLDING_DATA));
    rows.addAll(perFunction("log-group", FOUNDATION,
        pass -> new LogGroupManager(pass.ctx().aws().logs(), pass.logGroups()),
        (pass, f) -> pass.desired().logGroup(f), ALWAYS));
    perFunction("alarm", FOUNDATION, pass -> new AlarmManager(pass.ctx().aws().cloudWatch(), pass.alarms()),
        (pass, f) -> pass.desired().alarm(f), ALWAYS)
        .forEach(alarm -> rows.add(alarm.when(spec -> spec.alarmsOrDefault().enabled)));
    rows.addAll(perFunction("role", ROLES, pass -> new RoleManager(pass.ctx().aws()),
        (pass, f) -> pass.desired().role(f), ALWAYS));
    for (PipelineFunction f : PipelineFunction.values()) {
      rows.add(Component.of(id(f, "function"), FUNCTIONS,
              pass -> new FunctionManager(pass.ctx().aws(), pass.ctx().functionTags(), pass.uploads()),
              pass -> pass.desired().function(f, pass.code().get(), pass.roleArn(f)), ALWAYS)
          .named(pass -> pass.ctx().identity().names().function(f)));
    }
    rows.addAll(perFunction("async-config", WIRING,
        pass -> new InvokeConfigManager(pass.ctx().aws(), pass.ctx().functionTags()),
        (pass, f) -> pass.desired().invokeConfig(f), ALWAYS));
    rows.add(Component.of("processor-s3-permission", WIRING, ComponentTable::permissions,
        pass -> pass.desired().s3InvokePermission(), WITH_FUNCTION));
    rows.add(Component.of(API, WIRING, pass -> new RestApiManager(pass.ctx().aws()),
        pass -> pass.desired().restApi(), ALWAYS));
    rows.add(Component.of("bucket-notification", ENTRY_POINTS,
        pass -> new NotificationManager(pass.ctx().aws().s3(), pass.bucket()), pass -> pass.desired().notification(),
        ALWAYS));
    for (DesiredState.Route route : DesiredState.ROUTES) {
      rows.add(Component.after(API, id(route.function(), "api-permission"), ENTRY_POINTS,
          ComponentTable::permissions, pass -> pass.api().map(api -> pass.desired().apiInvokePermission(route, api)),
          WITH_FUNCTION));
    }
    return rows;
  }

  /** The rows of one stage, in table order. */
  static List<Component<?>> stage(Stage stage) {
    return ROWS.stream().filter(c -> c.stage() == stage).toList();
  }

  private static <D extends Desired> List<Component<D>> perFunction(String part, Stage stage,
                                                    Function<Pass, ResourceManager<D, ?>> manager,
                                                    BiFunction<Pass, PipelineFunction, D> desired,
                                                    Deletion deletion) {
    return Arrays.stream(PipelineFunction.values())
        .map(f -> Component.of(id(f, part), stage, manager, pass -> desired.apply(pass, f), deletion)).toList();
  }

  private static PermissionManager permissions(Pass pass) {
    return new PermissionManager(pass.ctx().aws(), pass.ctx().functionTags());
  }

  /** The id of the row of a function's role. */
  static String roleComponent(PipelineFunction f) {
    return id(f, "role");
  }

  private static String id(PipelineFunction f, String part) {
    return f.shortName() + "-" + part;
  }
}
