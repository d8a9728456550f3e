package dev.finpipe.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.testing.OnCluster;
import dev.finpipe.operator.testing.TestGround;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** spec.aws.roleArn and externalId: the real API server admits what STS accepts and refuses the rest (HTTP 422). */
class AwsAccessAdmissionTest {
  @RegisterExtension
  static final OnCluster cluster = OnCluster.inNamespace("aws-access");

  private static String pipeline(String name, String aws) {
    return """
        apiVersion: finpipe.dev/v1alpha1
        kind: FinancialPipeline
        metadata:
          name: %s
          namespace: %s
        spec: {region: us-east-1, aws: %s}
        """.formatted(name, cluster.namespace(), aws);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      user instead of role          | {roleArn: 'arn:aws:iam::222222222222:user/deployer'}  | spec.aws.roleArn in body should match
      account of 11 digits          | {roleArn: 'arn:aws:iam::22222222222:role/deployer'}   | spec.aws.roleArn in body should match
      role name with a space        | {roleArn: 'arn:aws:iam::222222222222:role/a b'}       | spec.aws.roleArn in body should match
      externalId of one character   | {roleArn: 'arn:aws:iam::222222222222:role/d', externalId: x} | spec.aws.externalId in body should be at least 2 chars long
      externalId with a space       | {roleArn: 'arn:aws:iam::222222222222:role/d', externalId: 'a b'} | spec.aws.externalId in body should match
      externalId without a role     | {externalId: team-a}                                   | spec.aws.externalId is sent only with spec.aws.roleArn
      """)
  void rejects(String title, String aws, String expectedMessage) {
    try {
      TestGround.kubernetes().resource(pipeline("bad-" + Integer.toHexString(title.hashCode()), aws)).create();
    } catch (KubernetesClientException e) {
      assertThat(e.getCode()).isEqualTo(422);
      assertThat(e.getMessage()).contains(expectedMessage);
      return;
    }
    throw new AssertionError("the API server accepted " + aws);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      role in aws                   | {roleArn: 'arn:aws:iam::222222222222:role/finpipe-deployer'}
      role with a path in aws-cn    | {roleArn: 'arn:aws-cn:iam::222222222222:role/team/a/finpipe_deployer+=,.@-'}
      role in GovCloud, externalId  | {roleArn: 'arn:aws-us-gov:iam::222222222222:role/d', externalId: 'urn:team/a_b+c=d,e.f@g-h:1'}
      """)
  void admits(String title, String aws) {
    String name = "ok-" + Integer.toHexString(title.hashCode());
    TestGround.kubernetes().resource(pipeline(name, aws)).create();
    assertThat(TestGround.kubernetes().resources(FinancialPipeline.class).inNamespace(cluster.namespace())
        .withName(name).get().getSpec().aws.roleArn).startsWith("arn:aws");
  }
}
