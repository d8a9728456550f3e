package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.AwsAccess;
import dev.finpipe.operator.api.CredentialsSecretRef;
import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.client.AwsRateLimits;
import dev.finpipe.operator.aws.client.AwsTarget;
import dev.finpipe.operator.support.AwsErrors;
import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.support.AccessKeyFormat;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Resolves where and as whom to call AWS for a pipeline, and hands out cached {@link AwsClients}. Credential
 * values are read from the Secret only here and never logged; the cache key holds the Secret's
 * resourceVersion, so a rotated Secret gets new clients.
 *
 * <p>Only Secrets that opt in are read: labelled {@value #CREDENTIALS_LABEL}{@code =true}. A user who may create
 * pipelines but not read Secrets could otherwise name any Secret of the namespace and have a value of it sent as
 * an access key id. The access key id must have the AWS format (SigV4 sends it in clear in every request).
 *
 * <p>With {@code spec.aws.roleArn} the operator assumes that role on top of its base identity (the Secret's
 * credentials when one is named, its default chain otherwise): see {@link AssumedRoles}. The target's cache key
 * then holds the base identity, the role, the ExternalId's digest and the session name, so the account id asked
 * per target is the assumed role's.
 */
public final class AwsAccessResolver implements AutoCloseable {
  private final KubernetesClient kubernetes;
  private final Optional<URI> defaultEndpoint;
  private final SdkHttpClient http;
  private final AwsCallRecorder recorder;
  private final AwsRateLimits rateLimits;
  private final AwsCredentialsProvider defaultCredentials;
  private final Map<String, AwsClients> clients = new ConcurrentHashMap<>();
  private final Map<String, String> accountIds = new ConcurrentHashMap<>();
  private final AssumedRoles assumedRoles = new AssumedRoles(base -> clientsFor(base).sts());
  /** The label a Secret carries to be usable as {@code spec.aws.credentialsSecretRef}. */
  public static final String CREDENTIALS_LABEL = "finpipe.dev/aws-credentials";

  public AwsAccessResolver(KubernetesClient kubernetes, Optional<URI> defaultEndpoint, SdkHttpClient http,
                           AwsCallRecorder recorder, AwsRateLimits rateLimits) {
    this.kubernetes = kubernetes;
    this.rateLimits = rateLimits;
    this.defaultEndpoint = defaultEndpoint;
    this.http = http;
    this.recorder = recorder;
    this.defaultCredentials = DefaultCredentialsProvider.builder().build();
  }

  public AwsClients clientsFor(FinancialPipeline pipeline) {
    AwsTarget base = baseTargetOf(pipeline);
    AwsAccess access = pipeline.getSpec().awsOrDefault();
    return clientsFor(access.roleArn == null ? base
        : assumedRoles.target(base, access.roleArn, access.externalId, AssumedRoles.sessionName(pipeline)));
  }

  private AwsClients clientsFor(AwsTarget target) {
    return clients.computeIfAbsent(target.cacheKey(), k -> new AwsClients(target, http, recorder, rateLimits));
  }

  /** The AWS account the clients act in (STS GetCallerIdentity, asked once per target). */
  public String accountId(AwsClients aws) {
    String key = aws.target().cacheKey();
    String known = accountIds.get(key);
    if (known != null) {
      return known;
    }
    // Asked outside the map's lock: a slow endpoint must not hold up the other pipelines' lookups.
    aws.target().assumedRole().ifPresent(role -> {
      try {
        // The first use of an assumed role's credentials: a refusal is reported as AssumeRole's, not the next call's.
        aws.target().credentials().resolveCredentials();
      } catch (SdkException e) {
        throw AwsErrors.classify("STS AssumeRole of " + role + " (spec.aws.roleArn)", e);
      }
    });
    try {
      String account = aws.sts().getCallerIdentity().account();
      accountIds.putIfAbsent(key, account);
      return account;
    } catch (SdkException e) {
      throw AwsErrors.classify("STS GetCallerIdentity", e);
    }
  }

  /**
   * Drops what was kept for a deleted pipeline's own STS session: its credentials provider, clients and account id.
   * Pipelines without a role share their clients with the others of their account; nothing is dropped for them.
   */
  public void forget(FinancialPipeline pipeline) {
    if (pipeline.getSpec() == null || pipeline.getSpec().awsOrDefault().roleArn == null) {
      return;
    }
    String session = AssumedRoles.sessionName(pipeline);
    if (assumedRoles.forget(session)) {
      for (var entry : clients.entrySet()) {
        if (AssumedRoles.ofSession(entry.getKey(), session) && clients.remove(entry.getKey(), entry.getValue())) {
          entry.getValue().close();
        }
      }
      accountIds.keySet().removeIf(key -> AssumedRoles.ofSession(key, session));
    }
  }

  /** Where and as whom the pipeline's calls go before any role is assumed. */
  private AwsTarget baseTargetOf(FinancialPipeline pipeline) {
    AwsAccess access = pipeline.getSpec().awsOrDefault();
    Optional<URI> endpoint = Optional.ofNullable(access.endpoint).map(URI::create).or(() -> defaultEndpoint);
    String region = pipeline.getSpec().region;
    CredentialsSecretRef ref = access.credentialsSecretRef;
    if (ref == null) {
      return new AwsTarget(region, endpoint, "default-chain", defaultCredentials);
    }
    String namespace = pipeline.getMetadata().getNamespace();
    Secret secret = kubernetes.secrets().inNamespace(namespace).withName(ref.name).get();
    if (secret == null || !optedIn(secret)) {
      // One message for both: it must not tell a user who cannot read Secrets which ones exist.
      throw new RetryableException("CredentialsSecretNotFound", "Secret " + namespace + "/" + ref.name
          + " named in spec.aws.credentialsSecretRef does not exist or is not labelled " + CREDENTIALS_LABEL
          + "=true (the operator reads only Secrets that opt in)");
    }
    String accessKey = value(secret, ref.accessKeyIdKey);
    if (!AccessKeyFormat.isAccessKeyId(accessKey)) {
      throw new RetryableException("CredentialsSecretInvalid", "Secret " + namespace + "/" + ref.name + ": the value"
          + " of key '" + ref.accessKeyIdKey + "' is not an AWS access key id (AKIA… or ASIA…, 16-128 letters and "
          + "digits); it was not used");
    }
    String secretKey = value(secret, ref.secretAccessKeyKey);
    AwsCredentialsProvider provider = ref.sessionTokenKey == null
        ? StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey))
        : StaticCredentialsProvider.create(AwsSessionCredentials.create(accessKey, secretKey,
            value(secret, ref.sessionTokenKey)));
    String key = "secret:" + namespace + "/" + ref.name + "@" + secret.getMetadata().getResourceVersion();
    return new AwsTarget(region, endpoint, key, provider);
  }

  private static boolean optedIn(Secret secret) {
    var labels = secret.getMetadata().getLabels();
    return labels != null && "true".equals(labels.get(CREDENTIALS_LABEL));
  }

  private static String value(Secret secret, String key) {
    String encoded = secret.getData() == null ? null : secret.getData().get(key);
    if (encoded == null) {
      throw new RetryableException("CredentialsSecretIncomplete", "Secret "
          + secret.getMetadata().getName() + " has no key '" + key + "'");
    }
    return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).trim();
  }

  @Override
  public void close() {
    assumedRoles.close();
    clients.values().forEach(AwsClients::close);
    clients.clear();
  }
}
