package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Endpoint and credentials the operator uses for this pipeline, and the role it assumes in the target account. */
@ValidationRule(value = "!has(self.externalId) || has(self.roleArn)",
    message = "spec.aws.externalId is sent only with spec.aws.roleArn: set roleArn or remove externalId")
public class AwsAccess {
  /**
   * An IAM role ARN in any partition: role names are 1-64 of {@code [\w+=,.@-]}, an optional path between
   * slashes of printable ASCII. Source: IAM API Reference, CreateRole,
   * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
   */
  public static final String ROLE_ARN =
      "^arn:aws(-[a-z]+)*:iam::[0-9]{12}:role/([!-~]+/)?[A-Za-z0-9_+=,.@-]{1,64}$";
  /**
   * What STS accepts as ExternalId: 2-1224 of {@code [\w+=,.@:/-]} (the length as minLength/maxLength: the API
   * server's regular expressions allow no repeat count over 1000). Source: AWS STS API Reference, AssumeRole,
   * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
   */
  public static final String EXTERNAL_ID = "^[A-Za-z0-9_+=,.@:/-]+$";
  public static final int EXTERNAL_ID_MIN = 2;
  public static final int EXTERNAL_ID_MAX = 1224;

  @Pattern("^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/.*)?$")
  @Size(max = 253)
  @JsonPropertyDescription("Endpoint override for every AWS service, for emulators (e.g. http://moto:5000). "
      + "Empty: the public AWS endpoints of spec.region (or the operator's AWS_ENDPOINT_URL).")
  public String endpoint;

  @JsonPropertyDescription("A Secret in this namespace with static credentials. Empty: the operator's default "
      + "credential chain (IRSA / EKS Pod Identity), which is preferred.")
  public CredentialsSecretRef credentialsSecretRef;

  @Pattern(ROLE_ARN)
  @Size(max = 2048)
  @JsonPropertyDescription("IAM role the operator assumes (STS AssumeRole) on top of its own identity, or of the "
      + "credentials Secret when one is named, to manage this pipeline in the role's account, e.g. "
      + "arn:aws:iam::222222222222:role/finpipe-deployer. The operator's administrator lists the roles that may be "
      + "named (--allowed-assume-roles); the role's trust policy must trust the operator's identity. The account "
      + "of every ARN and name is the role's. Empty: the operator's own account.")
  public String roleArn;

  @Pattern(EXTERNAL_ID)
  @Size(min = EXTERNAL_ID_MIN, max = EXTERNAL_ID_MAX)
  @JsonPropertyDescription("ExternalId sent with AssumeRole when the role's trust policy requires one "
      + "(condition sts:ExternalId); 2-1224 characters of letters, digits and _+=,.@:/-. Only with roleArn.")
  public String externalId;
}
