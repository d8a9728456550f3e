package dev.finpipe.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceNamesTest {
  private static final String LONG = "a".repeat(63);
  private static final String LONGER = "very-long-name." + "b".repeat(200);

  static Stream<Arguments> pipelines() {
    return Stream.of(
        Arguments.of(new ResourceNames("team-a", "payments", "prod")),
        Arguments.of(new ResourceNames("team-a", "payments", "")),
        Arguments.of(new ResourceNames(LONG, LONGER, "staging")),
        Arguments.of(new ResourceNames("ns", "dotted.name.v1", "dev")));
  }

  @ParameterizedTest
  @MethodSource("pipelines")
  void everyNameRespectsItsAwsLimitsAndCharacters(ResourceNames names) {
    for (PipelineFunction f : PipelineFunction.values()) {
      assertThat(names.function(f)).hasSizeLessThanOrEqualTo(64).matches("[A-Za-z0-9_-]+");
      assertThat(names.role(f)).hasSizeLessThanOrEqualTo(64).matches("[\\w+=,.@-]+");
      assertThat(names.deadLetterQueue(f)).hasSizeLessThanOrEqualTo(80).matches("[A-Za-z0-9_-]+");
      assertThat(names.logGroup(f)).isEqualTo("/aws/lambda/" + names.function(f));
      assertThat(names.errorRateAlarm(f)).hasSizeLessThanOrEqualTo(255);
    }
    assertThat(names.restApi()).hasSizeLessThanOrEqualTo(128);
    String bucket = names.bucket("123456789012", "us-gov-west-1");
    assertThat(ResourceNames.bucketNameProblem(bucket)).isEmpty();
    assertThat(bucket).hasSizeBetween(3, 63).endsWith("-123456789012-us-gov-west-1").startsWith("fp-");
  }

  @ParameterizedTest
  @CsvSource({
      "team-a, payments, prod, upload, fp_team-a_payments_prod_upload",
      "team-a, payments, '', status, fp_team-a_payments_status",
      "ns, p, dev, processor, fp_ns_p_dev_processor"})
  void shortNamesAreNaturalAndReadable(String ns, String name, String env, String fn, String expected) {
    PipelineFunction function = PipelineFunction.valueOf(fn.toUpperCase());
    assertThat(new ResourceNames(ns, name, env).function(function)).isEqualTo(expected);
  }

  @Test
  void partNamesAreDerivedFromTheSameIdentity() {
    ResourceNames names = new ResourceNames("team-a", "payments", "prod");
    assertThat(names.role(PipelineFunction.UPLOAD)).isEqualTo("fp_team-a_payments_prod_upload_role");
    assertThat(names.deadLetterQueue(PipelineFunction.STATUS)).isEqualTo("fp_team-a_payments_prod_status_dlq");
    assertThat(names.errorRateAlarm(PipelineFunction.RESULTS))
        .isEqualTo("fp_team-a_payments_prod_results_error-rate");
    assertThat(names.restApi()).isEqualTo("fp_team-a_payments_prod_api");
  }

  @ParameterizedTest
  @CsvSource({
      "64, fp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_upload",
      "80, fp_ns_with.dot_upload"})
  void tooLongOrInvalidNamesAreTruncatedWithAHashOfTheFullName(int max, String natural) {
    String fitted = ResourceNames.fit(natural, max);
    assertThat(fitted).hasSizeLessThanOrEqualTo(max).matches("[A-Za-z0-9_-]+")
        .endsWith("-" + ResourceNames.sha256Prefix(natural));
    assertThat(ResourceNames.fit(natural, max)).as("stable").isEqualTo(fitted);
  }

  @Test
  void theHashIsTheFirstEightHexCharsOfSha256() {
    // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    assertThat(ResourceNames.sha256Prefix("abc")).isEqualTo("ba7816bf");
  }

  static Stream<Arguments> distinctPipelines() {
    return Stream.of(
        Arguments.of(new ResourceNames("team-a", "x", "prod"), new ResourceNames("team", "a-x", "prod")),
        Arguments.of(new ResourceNames("ns", "a.b", "dev"), new ResourceNames("ns", "a-b", "dev")),
        Arguments.of(new ResourceNames("ns", LONGER + "1", "dev"), new ResourceNames("ns", LONGER + "2", "dev")),
        Arguments.of(new ResourceNames("ns", "p", "dev"), new ResourceNames("ns", "p", "")));
  }

  @ParameterizedTest
  @MethodSource("distinctPipelines")
  void distinctPipelinesNeverShareAName(ResourceNames a, ResourceNames b) {
    List<Function<ResourceNames, String>> namers = List.of(n -> n.function(PipelineFunction.UPLOAD),
        n -> n.role(PipelineFunction.UPLOAD), n -> n.deadLetterQueue(PipelineFunction.UPLOAD),
        n -> n.errorRateAlarm(PipelineFunction.UPLOAD), ResourceNames::restApi,
        n -> n.bucket("123456789012", "eu-west-1"));
    for (Function<ResourceNames, String> namer : namers) {
      assertThat(namer.apply(a)).isNotEqualTo(namer.apply(b));
    }
  }

  @Test
  void functionsOfOnePipelineHaveDistinctNames() {
    ResourceNames names = new ResourceNames(LONG, LONGER, "prod");
    Set<String> seen = new HashSet<>();
    for (PipelineFunction f : PipelineFunction.values()) {
      assertThat(seen.add(names.function(f))).isTrue();
      assertThat(seen.add(names.role(f))).isTrue();
      assertThat(seen.add(names.deadLetterQueue(f))).isTrue();
    }
  }

  @ParameterizedTest
  @CsvSource({
      "ab, 3 to 63",
      "My-Bucket, lowercase",
      "bucket_name, lowercase",
      "-bucket, begin and end",
      "a..b, adjacent periods",
      "192.168.5.4, IP address",
      "xn--bucket, 'xn--'",
      "data-s3alias, '-s3alias'",
      "data--ol-s3, '--ol-s3'"})
  void invalidBucketNamesAreExplained(String bucket, String reason) {
    assertThat(ResourceNames.bucketNameProblem(bucket)).hasValueSatisfying(m -> assertThat(m).contains(reason));
  }

  @Test
  void bucketNameOfAnUnremarkablePipeline() {
    assertThat(new ResourceNames("team-a", "payments", "prod").bucket("123456789012", "us-east-1"))
        .matches("fp-payments-prod-[0-9a-f]{8}-123456789012-us-east-1");
  }

  @ParameterizedTest
  @CsvSource({"12345, us-east-1", "123456789012, useast1", "123456789012, us-iso-east-1",
      "123456789012, ap-southeast-10", "123456789012, US-EAST-1"})
  void bucketNeedsARealAccountAndRegion(String account, String region) {
    assertThatThrownBy(() -> new ResourceNames("a", "b", "c").bucket(account, region))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
      "UPLOAD, dev.finpipe.handlers.UploadHandler::handleRequest",
      "STATUS, dev.finpipe.handlers.StatusHandler::handleRequest",
      "RESULTS, dev.finpipe.handlers.ResultsHandler::handleRequest",
      "PROCESSOR, dev.finpipe.handlers.ProcessorHandler::handleRequest"})
  void eachFunctionRunsItsHandler(PipelineFunction function, String handler) {
    assertThat(function.handler()).isEqualTo(handler);
  }

  @ParameterizedTest
  @CsvSource({
      "INCOMING, incoming/, " + BucketLayout.INCOMING,
      "PROCESSED, processed/, " + BucketLayout.PROCESSED,
      "RESULTS, results/, " + BucketLayout.RESULTS,
      "STATUS, status/, " + BucketLayout.STATUS})
  void functionPrefixesAreTheBucketLayout(PipelineFunction.Prefix prefix, String value, String layout) {
    assertThat(prefix.value()).isEqualTo(value).isEqualTo(layout);
  }
}
