package dev.finpipe.operator.aws.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.endpoints.AwsEndpointAttribute;
import software.amazon.awssdk.awscore.endpoints.authscheme.SigV4AuthScheme;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.endpoints.IamEndpointParams;
import software.amazon.awssdk.services.iam.endpoints.IamEndpointProvider;

/**
 * IAM has one endpoint per partition: the IAM client of a pipeline in China or GovCloud must not talk to the
 * commercial {@code iam.amazonaws.com}. No network: the SDK's own endpoint rules resolve the URL and the signing
 * region offline.
 */
class AwsClientsIamEndpointTest {

  @ParameterizedTest
  @CsvSource({
      "us-east-1,      aws-global,        https://iam.amazonaws.com,               us-east-1",
      "eu-west-1,      aws-global,        https://iam.amazonaws.com,               us-east-1",
      "ap-southeast-7, aws-global,        https://iam.amazonaws.com,               us-east-1",
      "cn-north-1,     aws-cn-global,     https://iam.cn-north-1.amazonaws.com.cn, cn-north-1",
      "cn-northwest-1, aws-cn-global,     https://iam.cn-north-1.amazonaws.com.cn, cn-north-1",
      "us-gov-west-1,  aws-us-gov-global, https://iam.us-gov.amazonaws.com,        us-gov-west-1",
      "us-gov-east-1,  aws-us-gov-global, https://iam.us-gov.amazonaws.com,        us-gov-west-1"})
  void theIamClientTalksToTheEndpointOfThePipelinesPartition(String pipelineRegion, String clientRegion,
                                                             String url, String signingRegion) {
    Region region = AwsClients.iamRegion(pipelineRegion);
    assertThat(region.id()).isEqualTo(clientRegion);

    Endpoint endpoint = IamEndpointProvider.defaultProvider()
        .resolveEndpoint(IamEndpointParams.builder().region(region).build()).join();
    assertThat(endpoint.url().toString()).isEqualTo(url);
    assertThat(endpoint.attribute(AwsEndpointAttribute.AUTH_SCHEMES)).singleElement()
        .isInstanceOfSatisfying(SigV4AuthScheme.class, s -> assertThat(s.signingRegion()).isEqualTo(signingRegion));

    // ...and the client AwsClients builds for that pipeline is configured with it.
    AwsTarget target = new AwsTarget(pipelineRegion, Optional.empty(), "test", AnonymousCredentialsProvider.create());
    try (var http = ApacheHttpClient.builder().build();
         var clients = new AwsClients(target, http, new AwsCallRecorder())) {
      assertThat(clients.iam().serviceClientConfiguration().region()).isEqualTo(region);
    }
  }
}
