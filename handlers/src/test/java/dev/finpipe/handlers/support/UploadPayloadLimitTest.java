package dev.finpipe.handlers.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The default upload limit leaves room for the API Gateway proxy event around the body: the event of a body at
 * the limit, base64-encoded, with headers as large as API Gateway lets through, fits Lambda's 6 MB synchronous
 * invocation payload, so the handler (not Lambda) answers a too-large upload, with the presign hint.
 */
class UploadPayloadLimitTest {
  /** API Gateway's REST API quota for the request line and header values together. */
  private static final int API_GATEWAY_HEADER_BYTES = 10_240;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static byte[] eventWithBase64Body(long csvBytes) throws IOException {
    ObjectNode event;
    try (InputStream in = UploadPayloadLimitTest.class.getResourceAsStream("/events/apigw-upload-base64.json")) {
      event = (ObjectNode) JSON.readTree(in);
    }
    // Headers at API Gateway's quota, in both maps the proxy event carries them in.
    String padding = "x".repeat(API_GATEWAY_HEADER_BYTES);
    event.withObjectProperty("headers").put("X-Padding", padding);
    event.withObjectProperty("multiValueHeaders").putArray("X-Padding").add(padding);
    byte[] csv = new byte[Math.toIntExact(csvBytes)];
    Arrays.fill(csv, (byte) 'a');
    event.put("body", Base64.getEncoder().encodeToString(csv)).put("isBase64Encoded", true);
    return JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theEventOfTheLargestAcceptedUploadFitsLambdasSynchronousPayload() throws IOException {
    byte[] event = eventWithBase64Body(HandlerConfig.DEFAULT_MAX_UPLOAD_BYTES);

    assertThat((long) event.length).isLessThanOrEqualTo(HandlerConfig.LAMBDA_SYNC_PAYLOAD_BYTES);
  }

  @Test
  void aBodyAtTheLimitIsAcceptedAndOneByteMoreIsRefusedWith413() {
    long max = HandlerConfig.DEFAULT_MAX_UPLOAD_BYTES;
    assertThat(UploadBody.read(request(max), max).isOk()).isTrue();

    UploadBody.Result tooLarge = UploadBody.read(request(max + 1), max);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.error()).contains("mode=presign");
  }

  private static APIGatewayProxyRequestEvent request(long csvBytes) {
    byte[] csv = new byte[Math.toIntExact(csvBytes)];
    Arrays.fill(csv, (byte) 'a');
    return new APIGatewayProxyRequestEvent().withBody(Base64.getEncoder().encodeToString(csv))
        .withIsBase64Encoded(true);
  }
}
