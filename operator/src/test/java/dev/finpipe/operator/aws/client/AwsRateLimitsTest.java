package dev.finpipe.operator.aws.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.testing.Moto;
import dev.finpipe.operator.testing.TestGround;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.apache.ApacheHttpClient;

class AwsRateLimitsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      empty keeps the defaults          | ''                                  | ApiGateway                  | 5.0
      blank keeps the defaults          | '  '                                | Lambda                      | 10.0
      a default overridden, any case    | apigateway=2                        | ApiGateway                  | 2.0
      another service added             | Sqs=50,iam=1                        | Sqs                         | 50.0
      service with a digit              | S3=20                               | S3                          | 20.0
      fractional rate                   | cloudwatch=0.5                      | CloudWatch                  | 0.5
      rate without a leading digit      | Lambda=.5                           | Lambda                      | 0.5
      rate with a trailing point        | Lambda=3.                           | Lambda                      | 3.0
      an operation default overridden   | apigateway:createrestapi=0.5        | ApiGateway:CreateRestApi    | 0.5
      an operation added                | Lambda=20,Lambda:CreateFunction=1   | Lambda:CreateFunction       | 1.0
      blanks around entries and parts   | ' Iam = 2 , ApiGateway:x =1 '       | Iam                         | 2.0
      """)
  void parsesServiceRates(String title, String spec, String service, double rate) {
    assertThat(AwsRateLimits.parse(spec)).containsEntry(service, rate);
    assertThat(spec).matches(AwsRateLimits.SPEC_PATTERN);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      no rate                           | iam
      zero                              | Iam=0
      zero with decimals                | Iam=0.00
      negative                          | Iam=-1
      not a number                      | Iam=fast
      exponent                          | Iam=1e3
      infinity                          | Iam=Infinity
      no service                        | =5
      two operations                    | ApiGateway:CreateRestApi:Extra=1
      empty operation                   | ApiGateway:=1
      blank inside a name               | Api Gateway=1
      hyphen in a name                  | api-gateway=1
      trailing comma                    | Iam=10,
      leading comma                     | ',Iam=10'
      empty entry                       | Iam=10,,Lambda=5
      semicolon separated               | Iam=10;Lambda=5
      two rates                         | Iam=1=2
      """)
  void refusesMalformedSpecs(String title, String spec) {
    assertThatThrownBy(() -> AwsRateLimits.parse(spec)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("service=requestsPerSecond");
    assertThat(spec).doesNotMatch(AwsRateLimits.SPEC_PATTERN);
  }

  @Test
  void theDefaultsAreTheirSpecParsed() {
    assertThat(AwsRateLimits.DEFAULT_SPEC).matches(AwsRateLimits.SPEC_PATTERN);
    assertThat(AwsRateLimits.DEFAULTS).containsOnlyKeys("ApiGateway", "ApiGateway:CreateRestApi",
        "ApiGateway:CreateDeployment", "ApiGateway:DeleteRestApi", "ApiGateway:GetResources", "CloudWatch",
        "CloudWatchLogs", "Lambda", "Iam");
    // API Gateway's fixed quota: 5 GetResources per 2 s per account
    assertThat(AwsRateLimits.DEFAULTS).containsEntry("ApiGateway:GetResources", 2.5);
    assertThat(AwsRateLimits.parse(null)).isEqualTo(AwsRateLimits.DEFAULTS);
    // one permit per 30 s, to the millisecond
    assertThat(Math.round(1000 / AwsRateLimits.DEFAULTS.get("ApiGateway:DeleteRestApi"))).isEqualTo(30_000L);
  }

  /** The tests' limits lift every per-operation quota of the defaults (the emulator has none), and only those. */
  @Test
  void theEmulatorLimitsLiftEveryPerOperationDefault() {
    Map<String, Double> emulator = AwsRateLimits.parse(dev.finpipe.operator.testing.InProcessOperator
        .EMULATOR_RATE_LIMITS);
    AwsRateLimits.DEFAULTS.forEach((key, rate) -> {
      if (key.contains(":")) {
        assertThat(emulator.get(key)).as(key).isGreaterThanOrEqualTo(5.0);
      } else {
        assertThat(emulator.get(key)).as(key).isEqualTo(rate);
      }
    });
  }

  /**
   * With the default limits, GetResources (5 per 2 s per account) is spaced a permit every 400 ms, not let
   * through in a burst: six calls take at least four whole 400 ms steps.
   */
  @Test
  void aBurstOfGetResourcesIsPacedByTheDefaults() {
    AwsClients aws = new AwsClients(Moto.target(), ApacheHttpClient.builder().build(),
        new AwsCallRecorder(new SimpleMeterRegistry()), new AwsRateLimits(AwsRateLimits.DEFAULTS));
    String apiId = aws.apiGateway().createRestApi(b -> b.name("rate-limits-get-resources")).id();
    try {
      long start = System.nanoTime();
      for (int i = 0; i < 6; i++) {
        aws.apiGateway().getResources(b -> b.restApiId(apiId));
      }
      assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1600);
    } finally {
      aws.apiGateway().deleteRestApi(b -> b.restApiId(apiId));
    }
  }

  /** The chart validates aws.rateLimits with SPEC_PATTERN, which the tables above hold to what parse accepts. */
  @Test
  void theChartSchemaValidatesRateLimitsWithTheSamePattern() throws java.io.IOException {
    var schema = new com.fasterxml.jackson.databind.ObjectMapper().readTree(TestGround.repoRoot()
        .resolve("helm/financial-pipeline-operator/values.schema.json").toFile());
    assertThat(schema.at("/properties/aws/properties/rateLimits/pattern").asText())
        .isEqualTo(AwsRateLimits.SPEC_PATTERN);
  }

  @Test
  void refusesANonPositiveRate() {
    assertThatThrownBy(() -> new AwsRateLimits(Map.of("Iam", 0.0))).hasMessageContaining("must be positive");
  }

  /**
   * A lower bound only: at 1 per second with a burst of 5, the 6th and 7th of 7 requests wait a second each for
   * the bucket to refill.
   */
  @Test
  void requestsToALimitedServiceAreSpacedToItsRate() {
    AwsClients aws = new AwsClients(Moto.target(), ApacheHttpClient.builder().build(),
        new AwsCallRecorder(new SimpleMeterRegistry()), new AwsRateLimits(Map.of("Sts", 1.0)));
    long start = System.nanoTime();
    for (int i = 0; i < 7; i++) {
      aws.sts().getCallerIdentity();
    }
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1900);
  }

  /** A call that would wait longer than allowed fails at once, unsent, and says why; it takes no permit. */
  @Test
  void aCallThatWouldWaitTooLongFailsWithoutBeingSent() {
    AwsCallRecorder recorder = new AwsCallRecorder(new SimpleMeterRegistry());
    AwsClients aws = new AwsClients(Moto.target(), ApacheHttpClient.builder().build(), recorder,
        new AwsRateLimits(Map.of("Sts:GetCallerIdentity", 0.1), java.time.Duration.ofMillis(200)));
    aws.sts().getCallerIdentity();
    long start = System.nanoTime();

    assertThatThrownBy(() -> aws.sts().getCallerIdentity())
        .hasRootCauseInstanceOf(dev.finpipe.operator.support.ClientRateLimitTimeout.class)
        .hasMessageContaining("no permit within PT0.2S");
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
  }

  /** An operation's own rate applies on top of its service's. */
  @Test
  void anOperationWithItsOwnQuotaIsSpacedEvenWhenItsServiceIsNot() {
    AwsClients aws = new AwsClients(Moto.target(), ApacheHttpClient.builder().build(),
        new AwsCallRecorder(new SimpleMeterRegistry()), new AwsRateLimits(Map.of("Sts", 100.0,
        "Sts:GetCallerIdentity", 0.5)));
    long start = System.nanoTime();
    aws.sts().getCallerIdentity();
    aws.sts().getCallerIdentity();
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1500);
  }

  /** Calls count when they start; requests count when the limiter lets them go, so their rate is AWS's. */
  @Test
  void aRequestHeldByTheLimiterIsACallButNotYetARequestSent() throws Exception {
    AwsCallRecorder recorder = new AwsCallRecorder(new SimpleMeterRegistry());
    AwsClients aws = new AwsClients(Moto.target(), ApacheHttpClient.builder().build(), recorder,
        new AwsRateLimits(Map.of("Sts:GetCallerIdentity", 0.2)));
    aws.sts().getCallerIdentity(); // takes the only permit of the next 5 s
    Thread held = new Thread(() -> aws.sts().getCallerIdentity());
    held.start();
    org.awaitility.Awaitility.await().until(() -> recorder.snapshot().get("Sts:GetCallerIdentity") == 2L);

    assertThat(recorder.requestsSent()).containsEntry("Sts:GetCallerIdentity", 1L);
    held.join();
    assertThat(recorder.requestsSent()).containsEntry("Sts:GetCallerIdentity", 2L);
  }

  /** A call that gets no permit in time is not sent and fails as RateLimited, which the reconciler retries soon. */
  @Test
  void aCallWithoutAPermitInTimeFailsAsRateLimitedWithoutBeingSent() {
    AwsCallRecorder recorder = new AwsCallRecorder(new SimpleMeterRegistry());
    AwsClients aws = new AwsClients(Moto.target(), ApacheHttpClient.builder().build(), recorder,
        new AwsRateLimits(Map.of("Sts:GetCallerIdentity", 0.01), java.time.Duration.ofMillis(200)));
    aws.sts().getCallerIdentity(); // the only permit of the next 100 s

    Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> aws.sts().getCallerIdentity());

    assertThat(refused).isInstanceOf(software.amazon.awssdk.core.exception.SdkClientException.class);
    RuntimeException classified = dev.finpipe.operator.support.AwsErrors.classify("GetCallerIdentity",
        (software.amazon.awssdk.core.exception.SdkException) refused);
    assertThat(classified).isInstanceOf(dev.finpipe.operator.support.RetryableException.class);
    assertThat(((dev.finpipe.operator.support.RetryableException) classified).reason()).isEqualTo("RateLimited");
    assertThat(recorder.requestsSent()).containsEntry("Sts:GetCallerIdentity", 1L);
  }
}
