package dev.finpipe.operator.reconciler;

import dev.finpipe.operator.api.FinancialPipeline;
import dev.finpipe.operator.aws.client.AwsTarget;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Credentials of a role assumed on top of a base identity (STS AssumeRole), one provider per base identity, role,
 * ExternalId and session name, kept for the operator's life. The SDK's provider calls AssumeRole on first use and
 * again {@link #PREFETCH} before the credentials expire (a call in the background of a request that still uses
 * the old ones), and blocks for a new call once they are within {@link #STALE} of expiry. The session lasts the
 * role's default, one hour (AssumeRole DurationSeconds defaults to 3600; AWS STS API Reference, AssumeRole,
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html).
 */
final class AssumedRoles implements AutoCloseable {
  /** The SDK's defaults, stated so that a change of the SDK's does not change them unnoticed. */
  static final Duration PREFETCH = Duration.ofMinutes(5);
  static final Duration STALE = Duration.ofMinutes(1);
  /** RoleSessionName: 2-64 characters of {@code [\w+=,.@-]} (AWS STS API Reference, AssumeRole). */
  static final int MAX_SESSION_NAME = 64;
  private static final String SESSION_PREFIX = "finpipe-";
  private static final String SESSION_KEY = "|session:";

  private final Function<AwsTarget, StsClient> stsOfBase;
  private final Map<String, StsAssumeRoleCredentialsProvider> providers = new ConcurrentHashMap<>();

  /** {@code stsOfBase}: the STS client that calls AssumeRole as the base identity (shared, not closed here). */
  AssumedRoles(Function<AwsTarget, StsClient> stsOfBase) {
    this.stsOfBase = stsOfBase;
  }

  /** The target acting as {@code roleArn}, assumed by {@code base}'s identity, in base's region and endpoint. */
  AwsTarget target(AwsTarget base, String roleArn, String externalId, String sessionName) {
    String credentialsKey = credentialsKey(base.credentialsKey(), roleArn, externalId, sessionName);
    var provider = providers.computeIfAbsent(base.cacheKey() + "|" + credentialsKey,
        k -> StsAssumeRoleCredentialsProvider.builder()
            .stsClient(stsOfBase.apply(base))
            .refreshRequest(r -> r.roleArn(roleArn).roleSessionName(sessionName).externalId(externalId))
            .prefetchTime(PREFETCH)
            .staleTime(STALE)
            .build());
    return new AwsTarget(base.region(), base.endpoint(), credentialsKey, provider, Optional.of(roleArn));
  }

  /**
   * The key of assumed credentials: base identity, role, session and a digest of the ExternalId (not a secret by
   * AWS's definition, yet it need not appear in a cache key that is logged).
   */
  static String credentialsKey(String baseKey, String roleArn, String externalId, String sessionName) {
    return baseKey + ">" + roleArn + "|externalId:" + (externalId == null ? "-" : sha256(externalId)) + SESSION_KEY
        + sessionName;
  }

  /**
   * The session name: {@code finpipe-<uid>}, so CloudTrail in the target account names the pipeline behind each
   * call (a uid has 36 characters of hex digits and dashes: 44 in all, within the 64 STS allows).
   */
  static String sessionName(FinancialPipeline pipeline) {
    String uid = pipeline.getMetadata().getUid();
    String name = SESSION_PREFIX + (uid == null ? pipeline.getMetadata().getName() : uid);
    String safe = name.replaceAll("[^\\w+=,.@-]", "-");
    return safe.length() > MAX_SESSION_NAME ? safe.substring(0, MAX_SESSION_NAME) : safe;
  }

  private static String sha256(String value) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Closes the providers of a session name (a deleted pipeline's); true when there was one. */
  boolean forget(String sessionName) {
    boolean found = false;
    for (var entry : providers.entrySet()) {
      if (entry.getKey().endsWith(SESSION_KEY + sessionName) && providers.remove(entry.getKey(), entry.getValue())) {
        entry.getValue().close();
        found = true;
      }
    }
    return found;
  }

  /** Whether a target's cache key is one of this session's. */
  static boolean ofSession(String cacheKey, String sessionName) {
    return cacheKey.endsWith(SESSION_KEY + sessionName);
  }

  @Override
  public void close() {
    providers.values().forEach(StsAssumeRoleCredentialsProvider::close);
    providers.clear();
  }
}
