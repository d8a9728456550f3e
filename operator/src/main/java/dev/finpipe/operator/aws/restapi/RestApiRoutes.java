package dev.finpipe.operator.aws.restapi;

import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.support.AwsErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetMethodResponse;
import software.amazon.awssdk.services.apigateway.model.Integration;
import software.amazon.awssdk.services.apigateway.model.Method;
import software.amazon.awssdk.services.apigateway.model.Resource;

/**
 * The resource tree of a REST API: resources, methods and their Lambda proxy integrations. Drift fields
 * are named {@code route[GET /status/{jobId}]} (missing), {@code route[...].authorizationType},
 * {@code route[...].requestParameters}, {@code route[...].integration[.type|.httpMethod|.uri]} and
 * {@code route[...].unexpected} (a method nobody asked for). Resources left without methods are kept.
 */
final class RestApiRoutes {
  static final String PREFIX = "route[";
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
    try {
      for (Resource r : api.getResourcesPaginator(q -> q.restApiId(apiId).embed("methods").limit(500)).items()) {
        byPath.put(r.path(), withIntegrations(apiId, r));
      }
    } catch (SdkException e) {
      throw AwsErrors.classify("GetResources " + apiId, e);
    }
    return byPath;
  }

  List<FieldDrift> diff(DesiredRestApi spec, Map<String, Resource> byPath) {
    List<FieldDrift> drift = new ArrayList<>();
    Set<String> wanted = spec.routes().stream().map(ApiRoute::key).collect(Collectors.toSet());
    for (ApiRoute route : spec.routes()) {
      String field = PREFIX + route.key() + "]";
      Resource resource = byPath.get(route.path());
      Method method = resource == null ? null : resource.resourceMethods().get(route.httpMethod());
      if (method == null) {
        drift.add(FieldDrift.missing(field, route.integrationUri()));
        continue;
      }
      compare(drift, field + ".authorizationType", spec.authorizationType(), method.authorizationType());
      compare(drift, field + ".requestParameters", new TreeSet<>(route.requestParameters()),
          method.requestParameters().entrySet().stream().filter(e -> Boolean.TRUE.equals(e.getValue()))
              .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new)));
      Integration integration = method.methodIntegration();
      if (integration == null) {
        drift.add(FieldDrift.missing(field + ".integration", route.integrationUri()));
        continue;
      }
      compare(drift, field + ".integration.type", PROXY, integration.typeAsString());
      compare(drift, field + ".integration.httpMethod", "POST", integration.httpMethod());
      compare(drift, field + ".integration.uri", route.integrationUri(), integration.uri());
    }
    byPath.values().forEach(r -> r.resourceMethods().keySet().stream()
        .filter(m -> !wanted.contains(m + " " + r.path()))
        .forEach(m -> drift.add(FieldDrift.of(PREFIX + m + " " + r.path() + "].unexpected", "<absent>", "present"))));
    return drift;
  }

  /** Writes the drifted routes: missing resources, methods (re-created when changed) and integrations. */
  void apply(DesiredRestApi spec, String apiId, Map<String, Resource> byPath, List<FieldDrift> drift) {
    Map<String, String> idsByPath = new LinkedHashMap<>();
    byPath.forEach((path, r) -> idsByPath.put(path, r.id()));
    for (ApiRoute route : spec.routes()) {
      String field = PREFIX + route.key() + "]";
      Set<String> fields = drift.stream().map(FieldDrift::field)
          .filter(f -> f.equals(field) || f.startsWith(field + ".")).collect(Collectors.toSet());
      if (fields.isEmpty()) {
        continue;
      }
      String resourceId = ensurePath(apiId, route.path(), idsByPath);
      boolean methodChanged = fields.contains(field + ".authorizationType")
          || fields.contains(field + ".requestParameters");
      if (methodChanged) {
        call("DeleteMethod " + route.key(), () -> api.deleteMethod(
            r -> r.restApiId(apiId).resourceId(resourceId).httpMethod(route.httpMethod())));
      }
      if (methodChanged || fields.contains(field)) {
        Map<String, Boolean> params = route.requestParameters().stream()
            .collect(Collectors.toMap(p -> p, p -> Boolean.TRUE));
        call("PutMethod " + route.key(), () -> api.putMethod(r -> r.restApiId(apiId).resourceId(resourceId)
            .httpMethod(route.httpMethod()).authorizationType(spec.authorizationType()).requestParameters(params)));
      }
      // Lambda proxy integrations are always invoked with POST, whatever the route's method.
      call("PutIntegration " + route.key(), () -> api.putIntegration(r -> r.restApiId(apiId).resourceId(resourceId)
          .httpMethod(route.httpMethod()).type(PROXY).integrationHttpMethod("POST").uri(route.integrationUri())));
    }
    for (FieldDrift f : drift) {
      if (f.field().endsWith("].unexpected")) {
        String key = f.field().substring(PREFIX.length(), f.field().length() - "].unexpected".length());
        String method = key.substring(0, key.indexOf(' '));
        String resourceId = idsByPath.get(key.substring(key.indexOf(' ') + 1));
        call("DeleteMethod " + key, () -> api.deleteMethod(
            r -> r.restApiId(apiId).resourceId(resourceId).httpMethod(method)));
      }
    }
  }

  private String ensurePath(String apiId, String path, Map<String, String> idsByPath) {
    String parentId = idsByPath.get("/");
    String current = "";
    for (String part : path.substring(1).split("/")) {
      current = current + "/" + part;
      String id = idsByPath.get(current);
      if (id == null) {
        String parent = parentId;
        try {
          id = creates.createResource(r -> r.restApiId(apiId).parentId(parent).pathPart(part)).id();
        } catch (SdkException e) {
          throw AwsErrors.classify("CreateResource " + current, e);
        }
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
        GetMethodResponse m = api.getMethod(q -> q.restApiId(apiId).resourceId(r.id()).httpMethod(e.getKey()));
        methods.put(e.getKey(), Method.builder().httpMethod(m.httpMethod()).authorizationType(m.authorizationType())
            .requestParameters(m.requestParameters()).methodIntegration(m.methodIntegration()).build());
      }
    }
    return r.toBuilder().resourceMethods(methods).build();
  }

  private static void compare(List<FieldDrift> drift, String field, Object desired, Object actual) {
    if (!Objects.equals(desired, actual)) {
      drift.add(FieldDrift.of(field, desired, actual));
    }
  }

  private static void call(String action, Runnable request) {
    try {
      request.run();
    } catch (SdkException e) {
      throw AwsErrors.classify(action, e);
    }
  }
}
