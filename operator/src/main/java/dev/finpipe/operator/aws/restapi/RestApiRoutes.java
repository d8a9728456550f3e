package dev.finpipe.operator.aws.restapi;

import static dev.finpipe.operator.aws.restapi.RestApiField.ROUTE;
import static dev.finpipe.operator.aws.restapi.RestApiField.ROUTE_AUTHORIZATION;
import static dev.finpipe.operator.aws.restapi.RestApiField.ROUTE_INTEGRATION;
import static dev.finpipe.operator.aws.restapi.RestApiField.ROUTE_INTEGRATION_HTTP_METHOD;
import static dev.finpipe.operator.aws.restapi.RestApiField.ROUTE_INTEGRATION_TYPE;
import static dev.finpipe.operator.aws.restapi.RestApiField.ROUTE_INTEGRATION_URI;
import static dev.finpipe.operator.aws.restapi.RestApiField.ROUTE_REQUEST_PARAMETERS;
import static dev.finpipe.operator.aws.restapi.RestApiField.ROUTE_UNEXPECTED;

import dev.finpipe.operator.aws.Drift;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.client.AwsCall;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponse;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.Resource;

/**
 * The resource tree of a REST API: resources, methods and their Lambda proxy integrations, drift keyed by route
 * ({@link RestApiField}). Resources left without methods are kept.
 */
final class RestApiRoutes {
  private static final String PROXY = "AWS_PROXY";
  private final ApiGatewayClient api;
  private final ApiGatewayClient creates;

  RestApiRoutes(ApiGatewayClient api, ApiGatewayClient creates) {
    this.api = api;
    this.creates = creates;
  }

  /** Every resource by path, with its methods and their integrations. */
  Map<String, Resource> read(String apiId) {
    Map<String, Resource> byPath = new HashMap<>();
    AwsCall.run("GetResources " + apiId, () -> api.getResourcesPaginator(q -> q.restApiId(apiId).embed("methods")
        .limit(500)).items().forEach(r -> byPath.put(r.path(), withIntegrations(apiId, r))));
    return byPath;
  }

  List<FieldDrift> diff(DesiredRestApi spec, Map<String, Resource> byPath) {
    Drift drift = new Drift();
    Set<String> wanted = spec.routes().stream().map(ApiRoute::key).collect(Collectors.toSet());
    for (ApiRoute route : spec.routes()) {
      String key = route.key();
      Resource resource = byPath.get(route.path());
      Method method = resource == null ? null : resource.resourceMethods().get(route.httpMethod());
      if (method == null) {
        drift.add(FieldDrift.keyed(ROUTE, key, route.integrationUri(), null));
        continue;
      }
      drift.compare(ROUTE_AUTHORIZATION, key, spec.authorizationType(), method.authorizationType())
          .compare(ROUTE_REQUEST_PARAMETERS, key, new TreeSet<>(route.requestParameters()),
              method.requestParameters().entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue()))
                  .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new)));
      Integration integration = method.methodIntegration();
      if (integration == null) {
        drift.add(FieldDrift.keyed(ROUTE_INTEGRATION, key, route.integrationUri(), null));
        continue;
      }
      drift.compare(ROUTE_INTEGRATION_TYPE, key, PROXY, integration.typeAsString())
          .compare(ROUTE_INTEGRATION_HTTP_METHOD, key, "POST", integration.httpMethod())
          .compare(ROUTE_INTEGRATION_URI, key, route.integrationUri(), integration.uri());
    }
    byPath.values().forEach(r -> r.resourceMethods().keySet().stream()
        .filter(m -> !wanted.contains(m + " " + r.path()))
        .forEach(m -> drift.add(FieldDrift.keyed(ROUTE_UNEXPECTED, m + " " + r.path(), null, "present"))));
    return drift.list();
  }

  /** Writes the drifted routes: missing resources, methods (re-created when changed) and integrations. */
  void apply(DesiredRestApi spec, String apiId, Map<String, Resource> byPath, List<FieldDrift> drift) {
    Map<String, String> idsByPath = new LinkedHashMap<>();
    byPath.forEach((path, r) -> idsByPath.put(path, r.id()));
    for (ApiRoute route : spec.routes()) {
      Set<RestApiField> fields = FieldDrift.fields(drift.stream().filter(d -> route.key().equals(d.key())).toList(),
          RestApiField.class);
      if (fields.isEmpty()) {
        continue;
      }
      String resourceId = ensurePath(apiId, route.path(), idsByPath);
      boolean methodChanged = fields.stream().anyMatch(RestApiField::replacesMethod);
      if (methodChanged) {
        AwsCall.run("DeleteMethod " + route.key(), () -> api.deleteMethod(
            r -> r.restApiId(apiId).resourceId(resourceId).httpMethod(route.httpMethod())));
      }
      if (methodChanged || fields.contains(ROUTE)) {
        Map<String, Boolean> params = route.requestParameters().stream()
            .collect(Collectors.toMap(p -> p, p -> Boolean.TRUE));
        AwsCall.run("PutMethod " + route.key(), () -> api.putMethod(r -> r.restApiId(apiId).resourceId(resourceId)
            .httpMethod(route.httpMethod()).authorizationType(spec.authorizationType()).requestParameters(params)));
      }
      // Lambda proxy integrations are always invoked with POST, whatever the route's method.
      AwsCall.run("PutIntegration " + route.key(), () -> api.putIntegration(r -> r.restApiId(apiId)
          .resourceId(resourceId).httpMethod(route.httpMethod()).type(PROXY).integrationHttpMethod("POST")
          .uri(route.integrationUri())));
    }
    drift.stream().filter(d -> d.managed() == ROUTE_UNEXPECTED).forEach(d -> {
      String method = d.key().substring(0, d.key().indexOf(' '));
      String resourceId = idsByPath.get(d.key().substring(d.key().indexOf(' ') + 1));
      AwsCall.run("DeleteMethod " + d.key(), () -> api.deleteMethod(
          r -> r.restApiId(apiId).resourceId(resourceId).httpMethod(method)));
    });
  }

  private String ensurePath(String apiId, String path, Map<String, String> idsByPath) {
    String parentId = idsByPath.get("/");
    String current = "";
    for (String part : path.substring(1).split("/")) {
      current = current + "/" + part;
      String id = idsByPath.get(current);
      if (id == null) {
        String parent = parentId;
        id = AwsCall.get("CreateResource " + current,
            () -> creates.createResource(r -> r.restApiId(apiId).parentId(parent).pathPart(part)).id());
        idsByPath.put(current, id);
      }
      parentId = id;
    }
    return parentId;
  }

  /** GetResources may leave out integrations; fetch the method when its integration is missing. */
  private Resource withIntegrations(String apiId, Resource r) {
    if (r.resourceMethods().values().stream().allMatch(m -> m.methodIntegration() != null)) {
      return r;
    }
    Map<String, Method> methods = new HashMap<>(r.resourceMethods());
    for (Map.Entry<String, Method> e : r.resourceMethods().entrySet()) {
      if (e.getValue().methodIntegration() == null) {
        GetMethodResponse m = AwsCall.get("GetMethod " + e.getKey() + " " + r.path(),
            () -> api.getMethod(q -> q.restApiId(apiId).resourceId(r.id()).httpMethod(e.getKey())));
        methods.put(e.getKey(), Method.builder().httpMethod(m.httpMethod()).authorizationType(m.authorizationType())
            .requestParameters(m.requestParameters()).methodIntegration(m.methodIntegration()).build());
      }
    }
    return r.toBuilder().resourceMethods(methods).build();
  }
}
