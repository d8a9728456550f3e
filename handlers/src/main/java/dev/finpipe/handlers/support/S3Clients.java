package dev.finpipe.handlers.support;

import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Builds S3 clients that honour the endpoint override and path-style switch used with emulators. Credentials come
 * straight from the environment when it holds them, as Lambda's does (the execution role's keys in
 * AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, "Defined runtime environment variables",
 * https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime): the default
 * provider chain would load and try its other sources first, which costs cold-start time.
 */
public final class S3Clients {
  private S3Clients() {}

  public static S3Client client(HandlerConfig config) {
    return builder(config).build();
  }

  public static S3ClientBuilder builder(HandlerConfig config) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(5))
                    // Large objects are streamed; a stalled read should fail, not hang until the Lambda timeout.
                    .socketTimeout(Duration.ofSeconds(60)))
            .serviceConfiguration(s3Configuration(config));
    credentials().ifPresent(builder::credentialsProvider);
    config.endpoint().ifPresent(builder::endpointOverride);
    config.region().map(Region::of).ifPresent(builder::region);
    return builder;
  }

  public static S3Presigner presigner(HandlerConfig config) {
    S3Presigner.Builder builder = S3Presigner.builder().serviceConfiguration(s3Configuration(config));
    credentials().ifPresent(builder::credentialsProvider);
    config.endpoint().ifPresent(builder::endpointOverride);
    config.region().map(Region::of).ifPresent(builder::region);
    return builder.build();
  }

  private static Optional<AwsCredentialsProvider> credentials() {
    return System.getenv("AWS_ACCESS_KEY_ID") == null ? Optional.empty()
        : Optional.of(EnvironmentVariableCredentialsProvider.create());
  }

  private static S3Configuration s3Configuration(HandlerConfig config) {
    return S3Configuration.builder().pathStyleAccessEnabled(config.forcePathStyle()).build();
  }
}
