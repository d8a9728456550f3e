package dev.finpipe.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Where static AWS credentials are stored. Their values are never logged nor written to status. */
public class CredentialsSecretRef {
  /** What Kubernetes accepts as a key of a Secret's data. */
  static final String SECRET_KEY = "^[-._a-zA-Z0-9]+$";

  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
  @JsonPropertyDescription("Name of the Secret, in the FinancialPipeline's namespace.")
  public String name;

  @Default("accessKeyId")
  @JsonPropertyDescription("Key of the access key id in the Secret.")
  @Pattern(SECRET_KEY)
  @io.fabric8.generator.annotation.Size(max = 253)
  public String accessKeyIdKey = "accessKeyId";

  @Default("secretAccessKey")
  @JsonPropertyDescription("Key of the secret access key in the Secret.")
  @Pattern(SECRET_KEY)
  @io.fabric8.generator.annotation.Size(max = 253)
  public String secretAccessKeyKey = "secretAccessKey";

  @JsonPropertyDescription("Optional key of a session token in the Secret.")
  @Pattern(SECRET_KEY)
  @io.fabric8.generator.annotation.Size(max = 253)
  public String sessionTokenKey;
}
