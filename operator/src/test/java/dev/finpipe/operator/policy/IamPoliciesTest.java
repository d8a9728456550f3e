package dev.finpipe.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.finpipe.operator.policy.IamPolicies.FunctionAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class IamPoliciesTest {
  private static final Arns ARNS = Arns.of("us-east-1", "123456789012");
  private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static final String B = "arn:aws:s3:::data/";
  private static final String LOGS = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn";
  private static final String DLQ = "arn:aws:sqs:us-east-1:123456789012:fn_dlq";

  private static FunctionAccess access(PipelineFunction f, Optional<String> key) {
    return new FunctionAccess(f, ARNS, "data", "/aws/lambda/fn", DLQ, key);
  }

  /** One line per statement: {@code Sid: actions -> resources}. */
  private static List<String> statements(ObjectNode policy) {
    List<String> lines = new ArrayList<>();
    for (JsonNode s : policy.get("Statement")) {
      List<String> actions = new ArrayList<>();
      s.get("Action").forEach(a -> actions.add(a.asText()));
      List<String> resources = new ArrayList<>();
      s.get("Resource").forEach(r -> resources.add(r.asText()));
      lines.add(s.get("Sid").asText() + ": " + String.join(",", actions) + " -> " + String.join(",", resources));
    }
    return lines;
  }

  static Stream<Arguments> expectedStatements() {
    String logs = "WriteOwnLogs: logs:CreateLogStream,logs:PutLogEvents -> " + LOGS + "," + LOGS + ":*";
    String xray = "WriteTraces: xray:PutTraceSegments,xray:PutTelemetryRecords -> *";
    String list = "TellMissingObjects: s3:ListBucket -> arn:aws:s3:::data";
    String dlq = "SendToOwnDeadLetterQueue: sqs:SendMessage -> " + DLQ;
    return Stream.of(
        Arguments.of(PipelineFunction.UPLOAD, List.of(logs, xray,
            "WriteObjects: s3:PutObject -> " + B + "incoming/*," + B + "status/*", dlq)),
        Arguments.of(PipelineFunction.STATUS, List.of(logs, xray,
            "ReadObjects: s3:GetObject -> " + B + "status/*", list, dlq)),
        Arguments.of(PipelineFunction.RESULTS, List.of(logs, xray,
            "ReadObjects: s3:GetObject -> " + B + "results/*," + B + "status/*", list, dlq)),
        Arguments.of(PipelineFunction.PROCESSOR, List.of(logs, xray,
            "ReadObjects: s3:GetObject -> " + B + "incoming/*," + B + "results/*," + B + "status/*", list,
            "WriteObjects: s3:PutObject -> " + B + "processed/*," + B + "results/*," + B + "status/*",
            "DeleteObjects: s3:DeleteObject -> " + B + "incoming/*", dlq)));
  }

  @ParameterizedTest
  @MethodSource("expectedStatements")
  void eachFunctionGetsExactlyItsStatements(PipelineFunction function, List<String> expected) {
    assertThat(statements(IamPolicies.functionPolicy(access(function, Optional.empty()))))
        .containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @EnumSource(PipelineFunction.class)
  void aCustomerKeyAddsOnlyDataKeyAndDecryptOnThatKey(PipelineFunction function) {
    List<String> without = statements(IamPolicies.functionPolicy(access(function, Optional.empty())));
    List<String> with = statements(IamPolicies.functionPolicy(access(function, Optional.of(KEY))));
    assertThat(with).startsWith(without.toArray(String[]::new))
        .hasSize(without.size() + 1)
        .endsWith("UseCustomerKey: kms:GenerateDataKey,kms:Decrypt -> " + KEY);
  }

  @ParameterizedTest
  @EnumSource(PipelineFunction.class)
  void noWildcardActionAndOnlyXrayHasAWildcardResource(PipelineFunction function) {
    ObjectNode policy = IamPolicies.functionPolicy(access(function, Optional.of(KEY)));
    assertThat(policy.get("Version").asText()).isEqualTo("2012-10-17");
    for (JsonNode s : policy.get("Statement")) {
      assertThat(s.get("Effect").asText()).isEqualTo("Allow");
      s.get("Action").forEach(a -> assertThat(a.asText()).doesNotContain("*").contains(":"));
      boolean xray = s.get("Action").get(0).asText().startsWith("xray:");
      s.get("Resource").forEach(r -> {
        if (xray) {
          assertThat(r.asText()).isEqualTo("*");
        } else {
          assertThat(r.asText()).startsWith("arn:aws:").isNotEqualTo("*");
        }
      });
      assertThat(s.get("Action").toString()).doesNotContain("logs:CreateLogGroup");
      if (s.get("Action").toString().contains("s3:ListBucket")) {
        assertThat(s.get("Resource").toString()).isEqualTo("[\"arn:aws:s3:::data\"]");
        assertThat(function.reads()).isNotEmpty();
      }
    }
  }

  @Test
  void trustPolicyLetsOnlyLambdaAssumeTheRole() {
    assertThat(IamPolicies.lambdaTrustPolicy().toString()).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":"
        + "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}");
  }

  @Test
  void policyFitsTheInlinePolicySizeLimit() {
    String json = PolicyDocuments.toJson(IamPolicies.functionPolicy(access(PipelineFunction.PROCESSOR,
        Optional.of(KEY))));
    assertThat(json.length()).isLessThan(10_240);
  }
}
