package dev.finpipe.operator.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.testing.AwsBehaviour;
import dev.finpipe.operator.testing.Moto;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;

/**
 * A REST API's tags change after its creation as on API Gateway (TagResource, UntagResource, GetTags, and the tags
 * of GetRestApi / GetRestApis), through the behaviour layer; moto alone refuses those calls.
 */
class RestApiTagsTest {
  private final AwsClients layer = AwsBehaviour.clients();
  private final AwsClients moto = AwsBehaviour.motoItself();

  @AfterEach
  void restore() {
    AwsBehaviour.reset();
  }

  @Test
  void tagsAddedAndRemovedAfterCreationShowInEveryRead() {
    String id = layer.apiGateway().createRestApi(b -> b.name("tags-" + UUID.randomUUID())
        .tags(Map.of("team", "ledger", "stage", "dev"))).id();
    String arn = "arn:aws:apigateway:" + Moto.region() + "::/restapis/" + id;
    try {
      layer.apiGateway().tagResource(b -> b.resourceArn(arn).tags(Map.of("cost-center", "fin42", "stage", "prod")));
      layer.apiGateway().untagResource(b -> b.resourceArn(arn).tagKeys("team"));

      Map<String, String> expected = Map.of("cost-center", "fin42", "stage", "prod");
      assertThat(layer.apiGateway().getTags(b -> b.resourceArn(arn)).tags()).isEqualTo(expected);
      assertThat(layer.apiGateway().getRestApi(b -> b.restApiId(id)).tags()).isEqualTo(expected);
      assertThat(layer.apiGateway().getRestApis(b -> b.limit(500)).items())
          .filteredOn(api -> api.id().equals(id)).singleElement()
          .satisfies(api -> assertThat(api.tags()).isEqualTo(expected));
    } finally {
      layer.apiGateway().deleteRestApi(b -> b.restApiId(id));
    }
  }

  @Test
  void theEmulatorAloneRefusesToTagARestApi() {
    String id = moto.apiGateway().createRestApi(b -> b.name("tags-" + UUID.randomUUID())).id();
    String arn = "arn:aws:apigateway:" + Moto.region() + "::/restapis/" + id;
    try {
      assertThatThrownBy(() -> moto.apiGateway().tagResource(b -> b.resourceArn(arn).tags(Map.of("k", "v"))))
          .isInstanceOf(ApiGatewayException.class)
          .satisfies(e -> assertThat(((ApiGatewayException) e).statusCode()).isEqualTo(404));
    } finally {
      moto.apiGateway().deleteRestApi(b -> b.restApiId(id));
    }
  }

  @Test
  void taggingAMissingRestApiIsNotFound() {
    String arn = "arn:aws:apigateway:" + Moto.region() + "::/restapis/nosuchapi1";
    assertThatThrownBy(() -> layer.apiGateway().tagResource(b -> b.resourceArn(arn).tags(Map.of("k", "v"))))
        .isInstanceOf(ApiGatewayException.class)
        .satisfies(e -> assertThat(((ApiGatewayException) e).statusCode()).isEqualTo(404));
  }
}
