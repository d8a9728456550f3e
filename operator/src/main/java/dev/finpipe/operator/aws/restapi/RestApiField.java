package dev.finpipe.operator.aws.restapi;

import dev.finpipe.operator.aws.ManagedField;

/**
 * The fields of a REST API the operator manages. Route fields are keyed by the route ({@code GET /status/{jobId}})
 * and shown as {@code route[GET /status/{jobId}].integration.uri}; {@link #ROUTE} alone means the method is missing,
 * {@link #ROUTE_UNEXPECTED} a method nobody asked for.
 */
public enum RestApiField implements ManagedField {
  ROUTE(""),
  ROUTE_AUTHORIZATION(".authorizationType"),
  ROUTE_REQUEST_PARAMETERS(".requestParameters"),
  ROUTE_INTEGRATION(".integration"),
  ROUTE_INTEGRATION_TYPE(".integration.type"),
  ROUTE_INTEGRATION_HTTP_METHOD(".integration.httpMethod"),
  ROUTE_INTEGRATION_URI(".integration.uri"),
  ROUTE_UNEXPECTED(".unexpected"),
  STAGE("stage"),
  STAGE_DEPLOYMENT("stage.deployment"),
  STAGE_TRACING("stage.tracingEnabled"),
  STAGE_BURST_LIMIT("stage.throttling.burstLimit"),
  STAGE_RATE_LIMIT("stage.throttling.rateLimit"),
  TAGS("tags");

  private final String name;

  RestApiField(String name) {
    this.name = name;
  }

  @Override
  public String fieldName() {
    return isRoute() ? "route[]" + name : name;
  }

  @Override
  public String render(String key) {
    return isRoute() ? "route[" + key + "]" + name : name;
  }

  boolean isRoute() {
    return name().startsWith("ROUTE");
  }

  boolean isStage() {
    return name().startsWith("STAGE");
  }

  /** A method changed in a way only deleting and putting it again corrects. */
  boolean replacesMethod() {
    return this == ROUTE_AUTHORIZATION || this == ROUTE_REQUEST_PARAMETERS;
  }
}
