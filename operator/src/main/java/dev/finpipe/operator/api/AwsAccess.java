package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;

/** Endpoint and credentials the operator uses for this pipeline. */
public class AwsAccess {
  @Pattern("^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/.*)?$")
  @Size(max = 253)
  @JsonPropertyDescription("Endpoint override for every AWS service, for emulators (e.g. http://moto:5000). "
      + "Empty: the public AWS endpoints of spec.region (or the operator's AWS_ENDPOINT_URL).")
  public String endpoint;

  @JsonPropertyDescription("A Secret in this namespace with static credentials. Empty: the operator's default "
      + "credential chain (IRSA / EKS Pod Identity), which is preferred.")
  public CredentialsSecretRef credentialsSecretRef;
}
