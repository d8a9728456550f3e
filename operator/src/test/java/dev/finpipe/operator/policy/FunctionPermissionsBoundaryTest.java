package dev.finpipe.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/function-permissions-boundary.json, the permissions boundary of every function role, against the policies
 * the operator writes: it allows every action on every resource any function policy can name (generated and
 * user-named buckets, with and without a customer key, in each partition's commercial form), and no action none
 * of them names.
 */
class FunctionPermissionsBoundaryTest {
  private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  private static JsonNode boundary;

  @BeforeAll
  static void read() throws IOException {
    boundary = new ObjectMapper().readTree(Path.of("..", "docs", "function-permissions-boundary.json").toFile());
  }

  @ParameterizedTest(name = "bucket {0}, key {1}")
  @CsvSource({
      "fp-payments-dev-75c2d924-123456789012-us-east-1, true",
      "fp-payments-dev-75c2d924-123456789012-us-east-1, false",
      "team.chosen-name,                                 true"})
  void everyGrantOfEveryFunctionPolicyIsWithinTheBoundary(String bucket, boolean customerKey) {
    Arns arns = Arns.of("us-east-1", "123456789012");
    ResourceNames names = new ResourceNames("team-a", "payments", "dev");
    for (PipelineFunction f : PipelineFunction.values()) {
      var policy = IamPolicies.functionPolicy(new IamPolicies.FunctionAccess(f, arns, bucket, names.logGroup(f),
          arns.queue(names.deadLetterQueue(f)), customerKey ? Optional.of(KEY) : Optional.empty()));
      for (JsonNode statement : policy.path("Statement")) {
        for (String action : values(statement.path("Action"))) {
          for (String resource : values(statement.path("Resource"))) {
            assertThat(allowed(action, resource)).as("%s: %s on %s", f, action, resource).isTrue();
          }
        }
      }
    }
  }

  @Test
  void grantsNoActionThatNoFunctionPolicyNames() {
    Set<String> used = new HashSet<>();
    Arns arns = Arns.of("us-east-1", "123456789012");
    for (PipelineFunction f : PipelineFunction.values()) {
      IamPolicies.functionPolicy(new IamPolicies.FunctionAccess(f, arns, "b", "/aws/lambda/fp_x",
          arns.queue("fp_x_dlq"), Optional.of(KEY))).path("Statement")
          .forEach(s -> used.addAll(values(s.path("Action"))));
    }
    Set<String> granted = new HashSet<>();
    boundary.path("Statement").forEach(s -> granted.addAll(values(s.path("Action"))));
    assertThat(granted).isEqualTo(used);
  }

  @Test
  void dataAndKeysOfOtherAccountsAreOutsideTheBoundary() {
    boundary.path("Statement").forEach(s -> {
      boolean touchesData = values(s.path("Action")).stream()
          .anyMatch(a -> a.startsWith("s3:") || a.startsWith("kms:") || a.startsWith("sqs:"));
      if (touchesData) {
        JsonNode equals = s.path("Condition").path("StringEquals");
        String account = equals.has("s3:ResourceAccount") ? equals.path("s3:ResourceAccount").asText()
            : equals.path("aws:ResourceAccount").asText();
        assertThat(account).as(s.path("Sid").asText()).isEqualTo("${aws:PrincipalAccount}");
      }
    });
  }

  private static boolean allowed(String action, String resource) {
    for (JsonNode s : boundary.path("Statement")) {
      if ("Allow".equals(s.path("Effect").asText()) && values(s.path("Action")).contains(action)
          && values(s.path("Resource")).stream().anyMatch(pattern -> glob(pattern).matcher(resource).matches())) {
        return true;
      }
    }
    return false;
  }

  /** IAM's resource wildcards: {@code *} any run of characters, {@code ?} one. */
  private static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString());
  }

  private static List<String> values(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> values.add(n.asText()));
    } else if (!node.isMissingNode()) {
      values.add(node.asText());
    }
    return values;
  }
}
