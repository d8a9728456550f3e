package dev.finpipe.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * The AWS identities the suite runs the code under, created on the emulator by the tests' admin key: the operator's
 * IAM user, whose only permissions are docs/operator-iam-policy.json, and the temporary credentials of a function's
 * role (STS AssumeRole, as Lambda gives a function its execution role). The AWS behaviour layer enforces their
 * policies (e2e/testenv/lib/iam_enforcement.py); the admin key is never enforced.
 */
public final class AwsIdentities {
  /** The inline policy of the operator's user: the file, unchanged. */
  public static final String OPERATOR_POLICY_NAME = "financial-pipeline-operator";
  /** Where the operator's default --function-permissions-boundary points (docs/INSTALL.md). */
  private static final String BOUNDARY_PATH = "/finpipe/";
  private static final String BOUNDARY_NAME = "FinancialPipelineFunctionBoundary";
  private static Keys operator;

  private AwsIdentities() {
  }

  /** Static or temporary credentials. */
  public record Keys(String principal, String accessKeyId, String secretAccessKey, String sessionToken) {
    public AwsCredentialsProvider provider() {
      AwsCredentials credentials = sessionToken == null
          ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
          : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken);
      return StaticCredentialsProvider.create(credentials);
    }

    /** The environment variables of the SDKs' default credential chain (a missing token is removed). */
    public void applyTo(Map<String, String> env) {
      env.put("AWS_ACCESS_KEY_ID", accessKeyId);
      env.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
      if (sessionToken == null) {
        env.remove("AWS_SESSION_TOKEN");
      } else {
        env.put("AWS_SESSION_TOKEN", sessionToken);
      }
    }

    @Override
    public String toString() { // never the secret
      return "Keys[" + principal + ", " + accessKeyId + "]";
    }
  }

  /**
   * The operator's identity, installed as docs/INSTALL.md says: the functions' permissions boundary as a managed
   * policy, and one IAM user per test run holding exactly docs/operator-iam-policy.json; created on first use.
   */
  public static synchronized Keys operator() {
    if (operator == null) {
      String policy = doc("docs/operator-iam-policy.json");
      String user = "finpipe-operator-" + UUID.randomUUID().toString().substring(0, 8);
      try (IamClient iam = IamClient.builder().endpointOverride(URI.create(E2eEnvironment.awsEndpoint()))
          .region(Region.AWS_GLOBAL).build()) {
        installFunctionBoundary(iam);
        String arn = iam.createUser(b -> b.userName(user)).user().arn();
        iam.putUserPolicy(b -> b.userName(user).policyName(OPERATOR_POLICY_NAME).policyDocument(policy));
        AccessKey key = iam.createAccessKey(b -> b.userName(user)).accessKey();
        operator = new Keys(arn, key.accessKeyId(), key.secretAccessKey(), null);
      }
    }
    return operator;
  }

  private static void installFunctionBoundary(IamClient iam) {
    try {
      iam.createPolicy(b -> b.path(BOUNDARY_PATH).policyName(BOUNDARY_NAME)
          .policyDocument(doc("docs/function-permissions-boundary.json")));
    } catch (EntityAlreadyExistsException e) {
      // installed by an earlier run on this emulator
    }
  }

  private static String doc(String path) {
    try {
      return Files.readString(E2eEnvironment.repoRoot().resolve(path));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Temporary credentials of {@code roleArn}, as Lambda obtains them for a function's execution role. */
  public static Keys assumeRole(String roleArn, String sessionName) {
    try (StsClient sts = StsClient.builder().endpointOverride(URI.create(E2eEnvironment.awsEndpoint()))
        .region(Region.of(E2eEnvironment.awsRegion())).build()) {
      var answer = sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName(sessionName));
      Credentials c = answer.credentials();
      return new Keys(answer.assumedRoleUser().arn(), c.accessKeyId(), c.secretAccessKey(), c.sessionToken());
    }
  }
}
