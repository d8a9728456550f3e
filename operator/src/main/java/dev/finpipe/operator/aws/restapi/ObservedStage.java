package dev.finpipe.operator.aws.restapi;

import software.amazon.awssdk.services.apigateway.model.Stage;

/**
 * A REST API stage as observed ({@code stage} null when absent) and the description of the deployment it
 * serves, which names the routes fingerprint the deployment was made from.
 */
public record ObservedStage(Stage stage, String deployedRoutes) {
}
