package dev.finpipe.operator.aws.restapi;

import static dev.finpipe.operator.aws.restapi.RestApiField.STAGE;
import static dev.finpipe.operator.aws.restapi.RestApiField.STAGE_BURST_LIMIT;
import static dev.finpipe.operator.aws.restapi.RestApiField.STAGE_DEPLOYMENT;
import static dev.finpipe.operator.aws.restapi.RestApiField.STAGE_RATE_LIMIT;
import static dev.finpipe.operator.aws.restapi.RestApiField.STAGE_TRACING;

import dev.finpipe.operator.aws.Drift;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.client.AwsCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.MethodSetting;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.apigateway.model.Stage;

/**
 * The deployment and the stage of a REST API. A deployment snapshots the resource tree; its description
 * carries a fingerprint of the routes it was made from, so a tree fixed by a reconcile that crashed before
 * deploying is still deployed by the next one. Deployments are created without a stage (with a stage name
 * the emulator replaces the whole stage, losing tracing and throttling); the stage is then created once or
 * pointed at the new deployment with {@code UpdateStage replace /deploymentId}. Stage-only drift (tracing,
 * throttling) is patched without a new deployment.
 */
final class RestApiStage {
  static final String ALL_METHODS = "*/*";
  private final ApiGatewayClient api;

  RestApiStage(ApiGatewayClient api) {
    this.api = api;
  }

  ObservedStage read(String apiId, String stageName) {
    Optional<Stage> stage = AwsCall.unlessAbsent("GetStage " + apiId + "/" + stageName, () -> {
      var s = api.getStage(r -> r.restApiId(apiId).stageName(stageName));
      return Stage.builder().stageName(s.stageName()).deploymentId(s.deploymentId())
          .tracingEnabled(s.tracingEnabled()).methodSettings(s.methodSettings()).tags(s.tags()).build();
    }, NotFoundException.class::isInstance);
    if (stage.isEmpty() || stage.get().deploymentId() == null) {
      return new ObservedStage(stage.orElse(null), null);
    }
    String deploymentId = stage.get().deploymentId();
    return new ObservedStage(stage.get(), AwsCall.unlessAbsent("GetDeployment " + apiId + "/" + deploymentId,
        () -> api.getDeployment(r -> r.restApiId(apiId).deploymentId(deploymentId)).description(),
        NotFoundException.class::isInstance).orElse(null));
  }

  List<FieldDrift> diff(DesiredRestApi spec, ObservedStage observed) {
    Stage stage = observed.stage();
    if (stage == null) {
      return List.of(FieldDrift.of(STAGE, spec.stageName(), null));
    }
    MethodSetting all = stage.methodSettings().get(ALL_METHODS);
    return new Drift()
        .compare(STAGE_DEPLOYMENT, deploymentDescription(spec), observed.deployedRoutes())
        .compare(STAGE_TRACING, spec.tracingEnabled(), Boolean.TRUE.equals(stage.tracingEnabled()))
        .compare(STAGE_BURST_LIMIT, spec.throttlingBurstLimit(), all == null ? null : all.throttlingBurstLimit())
        .compare(STAGE_RATE_LIMIT, spec.throttlingRateLimit(), all == null ? null : all.throttlingRateLimit())
        .list();
  }

  /** Deploys when the routes changed or the deployment is stale, and patches only drifted settings. */
  void apply(DesiredRestApi spec, String apiId, ObservedStage observed, boolean routesChanged,
             List<FieldDrift> drift) {
    Set<RestApiField> fields = FieldDrift.fields(drift, RestApiField.class);
    boolean absent = observed.stage() == null;
    String deploymentId = routesChanged || absent || fields.contains(STAGE_DEPLOYMENT)
        ? AwsCall.get("CreateDeployment " + apiId,
            () -> api.createDeployment(r -> r.restApiId(apiId).description(deploymentDescription(spec))).id())
        : null;
    List<PatchOperation> ops = new ArrayList<>();
    if (absent) {
      AwsCall.run("CreateStage " + apiId + "/" + spec.stageName(), () -> api.createStage(r -> r.restApiId(apiId)
          .stageName(spec.stageName()).deploymentId(deploymentId).tracingEnabled(spec.tracingEnabled())
          .tags(spec.tags())));
      fields = Set.of(STAGE_BURST_LIMIT, STAGE_RATE_LIMIT);
    } else if (deploymentId != null) {
      ops.add(replace("/deploymentId", deploymentId));
    }
    if (fields.contains(STAGE_TRACING)) {
      ops.add(replace("/tracingEnabled", String.valueOf(spec.tracingEnabled())));
    }
    if (fields.contains(STAGE_BURST_LIMIT)) {
      ops.add(replace("/*/*/throttling/burstLimit", String.valueOf(spec.throttlingBurstLimit())));
    }
    if (fields.contains(STAGE_RATE_LIMIT)) {
      ops.add(replace("/*/*/throttling/rateLimit", String.valueOf(spec.throttlingRateLimit())));
    }
    if (!ops.isEmpty()) {
      AwsCall.run("UpdateStage " + apiId + "/" + spec.stageName(),
          () -> api.updateStage(r -> r.restApiId(apiId).stageName(spec.stageName()).patchOperations(ops)));
    }
  }

  /** {@code finpipe routes <digest>}: identifies the routes (and how they are authorised) a deployment holds. */
  static String deploymentDescription(DesiredRestApi spec) {
    String routes = spec.routes().stream()
        .map(r -> r.key() + " " + spec.authorizationType() + " " + r.integrationUri()).sorted()
        .collect(Collectors.joining("\n"));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(routes.getBytes(StandardCharsets.UTF_8));
      return "finpipe routes " + HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PatchOperation replace(String path, String value) {
    return PatchOperation.builder().op("replace").path(path).value(value).build();
  }
}
