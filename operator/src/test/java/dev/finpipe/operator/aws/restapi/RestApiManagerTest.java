package dev.finpipe.operator.aws.restapi;

import static dev.finpipe.operator.testing.LambdaTestSupport.suffix;
import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ManagerContractTest;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.testing.Moto;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;

class RestApiManagerTest extends ManagerContractTest<DesiredRestApi, ObservedRestApi> {
  private static final String REGION = Moto.region();
  private final ApiGatewayClient apigw = clients.apiGateway();
  private final RestApiManager manager = new RestApiManager(clients);
  private final String name = "api-" + suffix();
  private final DesiredRestApi spec = api(owner.tags());
  /** The stage's deployment before {@link #driftOneField}. */
  private String deployedBeforeDrift;

  @Override
  protected RestApiManager manager() {
    return manager;
  }

  @Override
  protected DesiredRestApi desired() {
    return spec;
  }

  private static String functionArn(String fn) {
    return "arn:aws:lambda:" + REGION + ":" + Moto.ACCOUNT_ID + ":function:" + fn;
  }

  private static String uri(String functionArn) {
    return "arn:aws:apigateway:" + REGION + ":lambda:path/2015-03-31/functions/" + functionArn + "/invocations";
  }

  private static ApiRoute route(String method, String path, String fn) {
    return new ApiRoute(method, path, functionArn(fn), uri(functionArn(fn)));
  }

  private DesiredRestApi api(Map<String, String> tags) {
    return new DesiredRestApi(name, "financial pipeline API", REGION, Moto.ACCOUNT_ID,
        List.of(route("POST", "/upload", name + "-upload"), route("GET", "/status/{jobId}", name + "-status"),
            route("GET", "/results/{jobId}", name + "-results")),
        null, "prod", true, 100, 50.0, tags);
  }

  /** The id of the one API of our name. */
  private String id() {
    return apigw.getRestApis(r -> r.limit(500)).items().stream().filter(a -> name.equals(a.name()))
        .map(RestApi::id).findFirst().orElseThrow();
  }

  private Map<String, Resource> tree(String apiId) {
    return new RestApiRoutes(apigw, apigw).read(apiId);
  }

  private GetStageResponse stage(String apiId) {
    return apigw.getStage(r -> r.restApiId(apiId).stageName("prod"));
  }

  @Override
  protected Optional<Map<String, String>> ownTags(DesiredRestApi desired) {
    return Optional.of(apigw.getRestApi(r -> r.restApiId(id())).tags());
  }

  @Override
  protected void verifyCreated(DesiredRestApi desired, Convergence created) {
    RestApiEndpoints endpoints = RestApiEndpoints.fromExecutionArn(created.arn(), "prod");
    String id = endpoints.restApiId();
    assertThat(id).isEqualTo(id());
    assertThat(created.arn()).isEqualTo("arn:aws:execute-api:" + REGION + ":" + Moto.ACCOUNT_ID + ":" + id);
    assertThat(endpoints.url()).isEqualTo("https://" + id + ".execute-api." + REGION + ".amazonaws.com/prod");
    Method status = tree(id).get("/status/{jobId}").resourceMethods().get("GET");
    assertThat(status.authorizationType()).isEqualTo("AWS_IAM");
    assertThat(status.requestParameters()).containsEntry("method.request.path.jobId", true);
    assertThat(status.methodIntegration().typeAsString()).isEqualTo("AWS_PROXY");
    assertThat(status.methodIntegration().httpMethod()).isEqualTo("POST");
    assertThat(status.methodIntegration().uri()).isEqualTo("arn:aws:apigateway:" + REGION
        + ":lambda:path/2015-03-31/functions/" + functionArn(name + "-status") + "/invocations");
    assertThat(tree(id).get("/upload").resourceMethods()).containsOnlyKeys("POST");
    assertThat(stage(id).tracingEnabled()).isTrue();
    assertThat(stage(id).methodSettings().get("*/*").throttlingBurstLimit()).isEqualTo(100);
    assertThat(stage(id).methodSettings().get("*/*").throttlingRateLimit()).isEqualTo(50.0);
    assertThat(endpoints.sourceArn("*", spec.routes().get(1))).isEqualTo(created.arn() + "/*/GET/status/*");
  }

  @Override
  protected String driftOneField(DesiredRestApi desired) {
    String id = id();
    deployedBeforeDrift = stage(id).deploymentId();
    String resultsId = tree(id).get("/results/{jobId}").id();
    apigw.putIntegration(r -> r.restApiId(id).resourceId(resultsId).httpMethod("GET").type("AWS_PROXY")
        .integrationHttpMethod("POST").uri(uri(functionArn("someone-else"))));
    return "route[GET /results/{jobId}].integration.uri";
  }

  /** The route is fixed and deployed; the stage keeps its settings. */
  @Override
  protected void verifyCorrected(DesiredRestApi desired) {
    String id = id();
    assertThat(tree(id).get("/results/{jobId}").resourceMethods().get("GET").methodIntegration().uri())
        .isEqualTo(uri(functionArn(name + "-results")));
    assertThat(stage(id).deploymentId()).isNotEqualTo(deployedBeforeDrift);
    assertThat(stage(id).tracingEnabled()).isTrue();
    assertThat(stage(id).methodSettings().get("*/*").throttlingBurstLimit()).isEqualTo(100);
  }

  @Override
  protected DesiredRestApi createForeign(Ownership other) {
    manager.create(api(other.tags()));
    return spec;
  }

  @Test
  void changedStageSettingsArePatchedWithoutANewDeployment() {
    String id = RestApiEndpoints.fromExecutionArn(manager.converge(spec, owner).arn(), "prod").restApiId();
    String deployed = stage(id).deploymentId();
    apigw.updateStage(r -> r.restApiId(id).stageName("prod").patchOperations(
        PatchOperation.builder().op("replace").path("/*/*/throttling/burstLimit").value("5000").build(),
        PatchOperation.builder().op("replace").path("/tracingEnabled").value("false").build()));
    recorder.reset();

    Convergence corrected = manager.converge(spec, owner);

    assertThat(corrected.corrected()).extracting(FieldDrift::field)
        .containsExactly("stage.tracingEnabled", "stage.throttling.burstLimit");
    assertThat(recorder.mutating()).containsOnlyKeys("ApiGateway:UpdateStage");
    assertThat(stage(id).deploymentId()).isEqualTo(deployed);
    assertThat(stage(id).tracingEnabled()).isTrue();
    assertThat(stage(id).methodSettings().get("*/*").throttlingBurstLimit()).isEqualTo(100);
  }

  @Test
  void aStageServingADeploymentOfOtherRoutesIsRedeployed() {
    String id = RestApiEndpoints.fromExecutionArn(manager.converge(spec, owner).arn(), "prod").restApiId();
    // E.g. a reconcile fixed the tree and stopped before deploying, or someone deployed by hand.
    String manual = apigw.createDeployment(r -> r.restApiId(id).description("by hand")).id();
    apigw.updateStage(r -> r.restApiId(id).stageName("prod").patchOperations(
        PatchOperation.builder().op("replace").path("/deploymentId").value(manual).build()));

    Convergence corrected = manager.converge(spec, owner);

    assertThat(corrected.corrected()).extracting(FieldDrift::field).containsExactly("stage.deployment");
    assertThat(stage(id).deploymentId()).isNotEqualTo(manual);
    assertThat(manager.converge(spec, owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
  }

  @Test
  void aMethodNobodyAskedForIsRemovedAndAnUnauthenticatedMethodIsRestored() {
    String id = RestApiEndpoints.fromExecutionArn(manager.converge(spec, owner).arn(), "prod").restApiId();
    String uploadId = tree(id).get("/upload").id();
    apigw.putMethod(r -> r.restApiId(id).resourceId(uploadId).httpMethod("DELETE").authorizationType("NONE"));
    // Someone re-creates POST /upload without authentication (and without its integration).
    apigw.deleteMethod(r -> r.restApiId(id).resourceId(uploadId).httpMethod("POST"));
    apigw.putMethod(r -> r.restApiId(id).resourceId(uploadId).httpMethod("POST").authorizationType("NONE"));

    Convergence corrected = manager.converge(spec, owner);

    assertThat(corrected.corrected()).extracting(FieldDrift::field).containsExactlyInAnyOrder(
        "route[POST /upload].authorizationType", "route[POST /upload].integration",
        "route[DELETE /upload].unexpected");
    assertThat(tree(id).get("/upload").resourceMethods()).containsOnlyKeys("POST");
    assertThat(tree(id).get("/upload").resourceMethods().get("POST").authorizationType()).isEqualTo("AWS_IAM");
    assertThat(tree(id).get("/upload").resourceMethods().get("POST").methodIntegration().uri())
        .isEqualTo(uri(functionArn(name + "-upload")));
    assertThat(manager.converge(spec, owner).action()).isEqualTo(Convergence.Action.UNCHANGED);
  }
}
