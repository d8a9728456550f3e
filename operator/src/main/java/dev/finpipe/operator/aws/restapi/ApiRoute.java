package dev.finpipe.operator.aws.restapi;

import dev.finpipe.operator.support.Required;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One REST API route proxied to a Lambda function. {@code integrationUri} must be the API Gateway service
 * path of the function, {@code arn:aws:apigateway:<region>:lambda:path/2015-03-31/functions/<arn>/invocations}
 * (not the function ARN itself); {@code functionArn} is kept for the invoke permission of the route.
 */
public record ApiRoute(String httpMethod, String path, String functionArn, String integrationUri) {
  private static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+)}");

  public ApiRoute {
    Required.present("httpMethod", httpMethod, "path", path, "integrationUri", integrationUri);
    if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
      throw new IllegalArgumentException("route path must look like /a/{b}, was " + path);
    }
    if (!integrationUri.matches("arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/.+/invocations")) {
      throw new IllegalArgumentException("not a Lambda proxy integration URI: " + integrationUri);
    }
  }

  /** {@code GET /status/{jobId}}: the route's key in drift field names. */
  public String key() {
    return httpMethod + " " + path;
  }

  /** {@code method.request.path.<name>} for every {@code {name}} in the path, all required. */
  public List<String> requestParameters() {
    List<String> params = new ArrayList<>();
    Matcher m = PARAMETER.matcher(path);
    while (m.find()) {
      params.add("method.request.path." + m.group(1));
    }
    return params;
  }
}
