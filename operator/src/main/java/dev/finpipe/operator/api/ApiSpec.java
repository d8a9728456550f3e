package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** The REST API: POST /upload, GET /status/{jobId}, GET /results/{jobId}. */
public class ApiSpec {
  @Default("prod")
  @Pattern("^[a-zA-Z0-9_]{1,128}$")
  @JsonPropertyDescription("Name of the API Gateway stage (letters, digits, underscore). Default prod.")
  public String stageName = "prod";

  @Default("AWS_IAM")
  @JsonPropertyDescription("Authorization of every method: AWS_IAM (default, SigV4-signed requests) or NONE "
      + "(public API; choose it explicitly).")
  public ApiAuthorization authorization = ApiAuthorization.AWS_IAM;

  @JsonPropertyDescription("Stage-wide throttling of requests.")
  public ThrottlingSpec throttling;

  public ThrottlingSpec throttlingOrDefault() {
    return throttling == null ? new ThrottlingSpec() : throttling;
  }
}
