package dev.finpipe.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.finpipe.handlers.support.ApiGatewayJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * An API Gateway REST proxy function. Lambda calls the stream entry point: the event JSON is read and the response
 * written with the handlers' own Jackson, so the runtime client never starts its second JSON stack (its event
 * serializers), which is most of what a typed {@code RequestHandler} adds to a cold start (docs/PERFORMANCE.md).
 * The typed entry point holds the logic and is what tests call. Public: the runtime client calls the inherited
 * method by reflection.
 */
public abstract class ApiGatewayHandler implements RequestStreamHandler {

  /** The answer to one proxy request; never throws for a client error. */
  public abstract APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context);

  @Override
  public final void handleRequest(InputStream event, OutputStream response, Context context) throws IOException {
    ApiGatewayJson.writeResponse(handleRequest(ApiGatewayJson.readRequest(event), context), response);
  }
}
