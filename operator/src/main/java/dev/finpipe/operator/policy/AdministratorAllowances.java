package dev.finpipe.operator.policy;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the operator's administrator (its flags, never a pipeline's spec nor a Secret) lets pipelines use: the
 * permissions boundary every function role gets, the AWS endpoints a spec may name, the customer KMS keys a spec
 * may name, whether alarm actions may reach SNS topics of other accounts, and the tags every resource gets. Pure: tested by table tests.
 *
 * @param permissionsBoundary  the managed policy bounding every role the operator creates: an ARN, or
 *                             {@code path/name} in the pipeline's account
 * @param anyEndpoint          every {@code spec.aws.endpoint} allowed (emulators, development)
 * @param allowedEndpoints     the endpoints a spec may name otherwise (scheme, host and port compared)
 * @param allowedKmsKeys       the KMS key ARNs (or bare key ids) a spec may name; none by default
 * @param crossAccountAlarmTopics whether alarm actions may name another account's SNS topic
 * @param defaultTags          tags put on every AWS resource of every pipeline, under its own {@code spec.tags}
 *                             ({@link ResourceTags#merge})
 * @param allowedAssumeRoles   the role ARN patterns ({@code *} within one ARN part) {@code spec.aws.roleArn} may
 *                             match; none by default, so no pipeline leaves the operator's account
 */
public record AdministratorAllowances(String permissionsBoundary, boolean anyEndpoint, List<URI> allowedEndpoints,
                                      Set<String> allowedKmsKeys, boolean crossAccountAlarmTopics,
                                      Map<String, String> defaultTags, List<String> allowedAssumeRoles) {
  /** The boundary's path and name when no flag names another; docs/INSTALL.md creates it. */
  public static final String DEFAULT_PERMISSIONS_BOUNDARY = "finpipe/FinancialPipelineFunctionBoundary";
  /** Nothing beyond the defaults: the boundary above, no endpoint, no customer key, same-account topics. */
  public static final AdministratorAllowances DEFAULTS = new AdministratorAllowances(DEFAULT_PERMISSIONS_BOUNDARY,
      false, List.of(), Set.of(), false);

  public AdministratorAllowances {
    Objects.requireNonNull(permissionsBoundary, "permissionsBoundary");
    allowedEndpoints = List.copyOf(allowedEndpoints);
    allowedKmsKeys = Set.copyOf(allowedKmsKeys);
    defaultTags = Collections.unmodifiableMap(new LinkedHashMap<>(defaultTags));
    allowedAssumeRoles = List.copyOf(allowedAssumeRoles);
  }

  /** Allowances without default tags that let no pipeline assume a role. */
  public AdministratorAllowances(String permissionsBoundary, boolean anyEndpoint, List<URI> allowedEndpoints,
                                 Set<String> allowedKmsKeys, boolean crossAccountAlarmTopics) {
    this(permissionsBoundary, anyEndpoint, allowedEndpoints, allowedKmsKeys, crossAccountAlarmTopics, Map.of());
  }

  /** Allowances that let no pipeline assume a role. */
  public AdministratorAllowances(String permissionsBoundary, boolean anyEndpoint, List<URI> allowedEndpoints,
                                 Set<String> allowedKmsKeys, boolean crossAccountAlarmTopics,
                                 Map<String, String> defaultTags) {
    this(permissionsBoundary, anyEndpoint, allowedEndpoints, allowedKmsKeys, crossAccountAlarmTopics, defaultTags,
        List.of());
  }

  /** The same allowances with every endpoint allowed (an operator run against an emulator). */
  public AdministratorAllowances withAnyEndpoint() {
    return new AdministratorAllowances(permissionsBoundary, true, allowedEndpoints, allowedKmsKeys,
        crossAccountAlarmTopics, defaultTags, allowedAssumeRoles);
  }

  /** The same allowances letting pipelines assume the roles matching {@code rolePatterns}. */
  public AdministratorAllowances withAllowedAssumeRoles(List<String> rolePatterns) {
    return new AdministratorAllowances(permissionsBoundary, anyEndpoint, allowedEndpoints, allowedKmsKeys,
        crossAccountAlarmTopics, defaultTags, rolePatterns);
  }

  /**
   * Why a pipeline may not assume {@code roleArn}; empty when a pattern of the administrator's matches it. The
   * role decides the account every resource of the pipeline lands in, and what the operator's identity may do
   * there, so a spec names only roles the administrator listed.
   */
  public Optional<String> assumeRoleProblem(String roleArn) {
    if (allowedAssumeRoles.stream().anyMatch(pattern -> RolePattern.matches(pattern, roleArn))) {
      return Optional.empty();
    }
    return Optional.of("roleArn " + roleArn + " is not among the roles the operator's administrator allows "
        + "(--allowed-assume-roles" + (allowedAssumeRoles.isEmpty() ? ", empty: no role may be assumed" : ": "
        + String.join(", ", allowedAssumeRoles)) + "); no AWS request was made for this pipeline");
  }

  /** The boundary's ARN in the pipeline's partition and account. */
  public String permissionsBoundaryArn(Arns arns) {
    return arns.managedPolicy(permissionsBoundary);
  }

  /** Whether requests of a pipeline may go to {@code endpoint}: same scheme, host and port as an allowed one. */
  public boolean endpointAllowed(URI endpoint) {
    return anyEndpoint || allowedEndpoints.stream().anyMatch(a -> sameOrigin(a, endpoint));
  }

  /** Why a pipeline may not use the customer key {@code keyArn}; empty when it may. */
  public Optional<String> kmsKeyProblem(String keyArn) {
    String keyId = keyArn.substring(keyArn.lastIndexOf('/') + 1);
    if (allowedKmsKeys.contains(keyArn) || allowedKmsKeys.contains(keyId)) {
      return Optional.empty();
    }
    return Optional.of("kmsKeyArn " + keyArn + " is not among the keys the operator's administrator allows "
        + "(--allowed-kms-keys): a key named here becomes kms:Decrypt in the pipeline's roles");
  }

  /** Why an alarm may not notify {@code topicAccount}'s topic from {@code pipelineAccount}; empty when it may. */
  public Optional<String> alarmTopicProblem(String topicArn, String topicAccount, String pipelineAccount) {
    if (crossAccountAlarmTopics || topicAccount.equals(pipelineAccount)) {
      return Optional.empty();
    }
    return Optional.of("SNS topic " + topicArn + " belongs to account " + topicAccount + ", not the pipeline's "
        + pipelineAccount + "; the operator's administrator allows only same-account topics "
        + "(--allow-cross-account-alarm-topics)");
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null && b.getScheme() != null && a.getHost() != null && b.getHost() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }
}
