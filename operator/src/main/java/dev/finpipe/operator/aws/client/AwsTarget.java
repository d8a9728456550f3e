package dev.finpipe.operator.aws.client;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Where and as whom the operator talks to AWS for one pipeline. {@code endpoint} is empty for real AWS;
 * an emulator URL otherwise. {@code credentialsKey} identifies the credentials (e.g. the Secret's
 * namespace/name and resourceVersion) without holding them, so clients can be cached by it. {@code assumedRole}
 * is the role ARN the credentials come from when they are a role's assumed on top of another identity.
 */
public record AwsTarget(String region, Optional<URI> endpoint, String credentialsKey,
                        AwsCredentialsProvider credentials, Optional<String> assumedRole) {

  /** A target acting as the identity of {@code credentials} itself. */
  public AwsTarget(String region, Optional<URI> endpoint, String credentialsKey, AwsCredentialsProvider credentials) {
    this(region, endpoint, credentialsKey, credentials, Optional.empty());
  }

  /** The cache key of the clients for this target; never contains a secret. */
  public String cacheKey() {
    return region + "|" + endpoint.map(URI::toString).orElse("aws") + "|" + credentialsKey;
  }
}
