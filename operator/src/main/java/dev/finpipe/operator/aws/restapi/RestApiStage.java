package dev.finpipe.operator.aws.restapi;

import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.support.AwsErrors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
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
    Stage stage;
    try {
      var s = api.getStage(r -> r.restApiId(apiId).stageName(stageName));
      stage = Stage.builder().stageName(s.stageName()).deploymentId(s.deploymentId())
          .tracingEnabled(s.tracingEnabled()).methodSettings(s.methodSettings()).tags(s.tags()).build();
    } catch (NotFoundException e) {
      return new ObservedStage(null, null);
    } catch (SdkException e) {
      throw AwsErrors.classify("GetStage " + apiId + "/" + stageName, e);
    }
    if (stage.deploymentId() == null) {
      return new ObservedStage(stage, null);
    }
    try {
      String description = api.getDeployment(r -> r.restApiId(apiId).deploymentId(stage.deploymentId()))
          .description();
      return new ObservedStage(stage, description);
    } catch (NotFoundException e) {
      return new ObservedStage(stage, null);
    } catch (SdkException e) {
      throw AwsErrors.classify("GetDeployment " + apiId + "/" + stage.deploymentId(), e);
    }
  }

  List<FieldDrift> diff(DesiredRestApi spec, ObservedStage observed) {
    List<FieldDrift> drift = new ArrayList<>();
    Stage stage = observed.stage();
    if (stage == null) {
      drift.add(FieldDrift.missing("stage", spec.stageName()));
      return drift;
    }
    compare(drift, "stage.deployment", deploymentDescription(spec), observed.deployedRoutes());
    compare(drift, "stage.tracingEnabled", spec.tracingEnabled(), Boolean.TRUE.equals(stage.tracingEnabled()));
    MethodSetting all = stage.methodSettings().get(ALL_METHODS);
    compare(drift, "stage.throttling.burstLimit", spec.throttlingBurstLimit(),
        all == null ? null : all.throttlingBurstLimit());
    compare(drift, "stage.throttling.rateLimit", spec.throttlingRateLimit(),
        all == null ? null : all.throttlingRateLimit());
    return drift;
  }

  /** Deploys when the routes changed or the deployment is stale, and patches only drifted settings. */
  void apply(DesiredRestApi spec, String apiId, ObservedStage observed, boolean routesChanged,
             List<FieldDrift> drift) {
    Set<String> fields = drift.stream().map(FieldDrift::field).collect(Collectors.toSet());
    boolean absent = observed.stage() == null;
    String deploymentId = null;
    if (routesChanged || absent || fields.contains("stage.deployment")) {
      try {
        deploymentId = api.createDeployment(r -> r.restApiId(apiId).description(deploymentDescription(spec))).id();
      } catch (SdkException e) {
        throw AwsErrors.classify("CreateDeployment " + apiId, e);
      }
    }
    List<PatchOperation> ops = new ArrayList<>();
    if (absent) {
      String id = deploymentId;
      try {
        api.createStage(r -> r.restApiId(apiId).stageName(spec.stageName()).deploymentId(id)
            .tracingEnabled(spec.tracingEnabled()).tags(spec.tags()));
      } catch (SdkException e) {
        throw AwsErrors.classify("CreateStage " + apiId + "/" + spec.stageName(), e);
      }
      fields = Set.of("stage.throttling.burstLimit", "stage.throttling.rateLimit");
    } else if (deploymentId != null) {
      ops.add(replace("/deploymentId", deploymentId));
    }
    if (fields.contains("stage.tracingEnabled")) {
      ops.add(replace("/tracingEnabled", String.valueOf(spec.tracingEnabled())));
    }
    if (fields.contains("stage.throttling.burstLimit")) {
      ops.add(replace("/*/*/throttling/burstLimit", String.valueOf(spec.throttlingBurstLimit())));
    }
    if (fields.contains("stage.throttling.rateLimit")) {
      ops.add(replace("/*/*/throttling/rateLimit", String.valueOf(spec.throttlingRateLimit())));
    }
    if (!ops.isEmpty()) {
      try {
        api.updateStage(r -> r.restApiId(apiId).stageName(spec.stageName()).patchOperations(ops));
      } catch (SdkException e) {
        throw AwsErrors.classify("UpdateStage " + apiId + "/" + spec.stageName(), e);
      }
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

  private static void compare(List<FieldDrift> drift, String field, Object desired, Object actual) {
    if (!Objects.equals(desired, actual)) {
      drift.add(FieldDrift.of(field, desired, actual));
    }
  }
}
