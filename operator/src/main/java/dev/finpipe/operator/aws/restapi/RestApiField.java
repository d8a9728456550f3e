package dev.finpipe.operator.aws.restapi;

import dev.finpipe.operator.aws.FieldName;
import dev.finpipe.operator.aws.ManagedField;

/**
 * The fields of a REST API the operator manages. Route fields are keyed by the route ({@code GET /status/{jobId}})
 * and shown as {@code route[GET /status/{jobId}].integration.uri}; {@link #ROUTE} alone means the method is missing,
 * {@link #ROUTE_UNEXPECTED} a method nobody asked for.
 */
public enum RestApiField implements ManagedField {
  @FieldName("")
  ROUTE,
  @FieldName(".authorizationType")
  ROUTE_AUTHORIZATION,
  @FieldName(".requestParameters")
  ROUTE_REQUEST_PARAMETERS,
  @FieldName(".integration")
  ROUTE_INTEGRATION,
  @FieldName(".integration.type")
  ROUTE_INTEGRATION_TYPE,
  @FieldName(".integration.httpMethod")
  ROUTE_INTEGRATION_HTTP_METHOD,
  @FieldName(".integration.uri")
  ROUTE_INTEGRATION_URI,
  @FieldName(".unexpected")
  ROUTE_UNEXPECTED,
  @FieldName("stage")
  STAGE,
  @FieldName("stage.deployment")
  STAGE_DEPLOYMENT,
  @FieldName("stage.tracingEnabled")
  STAGE_TRACING,
  @FieldName("stage.throttling.burstLimit")
  STAGE_BURST_LIMIT,
  @FieldName("stage.throttling.rateLimit")
  STAGE_RATE_LIMIT,
  @FieldName("tags")
  TAGS;

  /** A route field's name follows the route it is keyed by: {@code route[GET /status/{jobId}].authorizationType}. */
  @Override
  public String render(String key) {
    return isRoute() ? "route[" + key + "]" + fieldName() : fieldName();
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
