package dev.finpipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * docs/operator-iam-policy.json: valid, least privilege, and granting exactly the documented table; every role
 * write needs the permissions boundary. The condition keys are those the Service Authorization Reference lists
 * for each action: "Actions, resources, and condition keys for AWS Identity and Access Management",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
 * (iam:PermissionsBoundary on CreateRole, PutRolePolicy, DeleteRolePolicy, DetachRolePolicy, AttachRolePolicy,
 * PutRolePermissionsBoundary and DeleteRolePermissionsBoundary; not on UpdateAssumeRolePolicy), and "Actions,
 * resources, and condition keys for AWS Lambda",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awslambda.html (lambda:Principal on
 * AddPermission and RemovePermission).
 */
@Order(2)
class OperatorIamPolicyTest {
  private static JsonNode policy;

  @BeforeAll
  static void readPolicy() throws IOException {
    Path file = E2eEnvironment.repoRoot().resolve("docs/operator-iam-policy.json");
    policy = new ObjectMapper().readTree(file.toFile());
  }

  /** The boundary the operator sets by default, in any account (the installer may name its own). */
  static final String BOUNDARY = "arn:aws:iam::*:policy/finpipe/FinancialPipelineFunctionBoundary";
  /** The actions that write a role's permissions, all of which support the iam:PermissionsBoundary key. */
  static final Set<String> ROLE_WRITES = Set.of("iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
      "iam:DetachRolePolicy", "iam:PutRolePermissionsBoundary");
  /**
   * Read-only actions without resource-level permissions: only {@code *} matches them. cloudwatch:GetMetricData
   * names no resource type in "Actions, resources, and condition keys for Amazon CloudWatch",
   * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html; nor does
   * tag:GetResources in "Actions, resources, and condition keys for Amazon Resource Group Tagging API",
   * https://docs.aws.amazon.com/service-authorization/latest/reference/list_resourcegroupstaggingapi.html
   */
  static final Set<String> NO_RESOURCE_LEVEL = Set.of("logs:DescribeLogGroups", "cloudwatch:GetMetricData",
      "tag:GetResources");

  @Test
  void isAnIamPolicyDocumentOfAllowStatementsAndOneDeny() {
    assertThat(policy.path("Version").asText()).isEqualTo("2012-10-17");
    assertThat(policy.path("Statement").isArray()).isTrue();
    policy.path("Statement").forEach(s -> {
      assertThat(s.path("Effect").asText()).as("statement %s", s.path("Sid")).isEqualTo(
          "NeverRemoveABoundary".equals(s.path("Sid").asText()) ? "Deny" : "Allow");
      assertThat(s.path("Sid").asText()).as("every statement says what it is for").isNotBlank();
      assertThat(s.has("Resource")).as("statement %s names its resources", s.path("Sid")).isTrue();
    });
  }

  @Test
  void grantsNoWildcardActionAndNoUnrestrictedResource() {
    policy.path("Statement").forEach(s -> {
      values(s.path("Action")).forEach(a -> assertThat(a).as("action in %s", s.path("Sid")).doesNotContain("*"));
      if (!NO_RESOURCE_LEVEL.containsAll(values(s.path("Action")))) {
        values(s.path("Resource")).forEach(r -> assertThat(r).as("resource in %s", s.path("Sid")).isNotEqualTo("*"));
      }
    });
  }

  @Test
  void grantsExactlyTheActionsOfTheDocumentedTable() {
    Set<String> granted = new TreeSet<>();
    allows().forEach(s -> granted.addAll(values(s.path("Action"))));
    Set<String> needed = new TreeSet<>(OperatorAwsOperations.table().values());
    needed.remove("");
    assertThat(granted).as("docs/operator-iam-policy.json vs OperatorAwsOperations").isEqualTo(needed);
  }

  @Test
  void passRoleIsLimitedToPipelineRolesAndToLambda() {
    JsonNode passRole = null;
    for (JsonNode s : policy.path("Statement")) {
      if (values(s.path("Action")).contains("iam:PassRole")) {
        passRole = s;
      }
    }
    assertThat(passRole).as("a statement grants iam:PassRole").isNotNull();
    assertThat(values(passRole.path("Resource"))).containsExactlyInAnyOrder("arn:aws:iam::*:role/finpipe/fp_*",
        "arn:aws:iam::*:role/fp_*");
    assertThat(passRole.path("Condition").path("StringEquals").path("iam:PassedToService").asText())
        .isEqualTo("lambda.amazonaws.com");
  }

  /**
   * X-Ray tracing on a stage needs API Gateway's service-linked role, which API Gateway creates, with the caller's
   * permission, in an account that has none: only that role of only that service.
   */
  @Test
  void apiGatewayMayCreateOnlyItsOwnServiceLinkedRole() {
    JsonNode createSlr = null;
    for (JsonNode s : policy.path("Statement")) {
      if (values(s.path("Action")).contains("iam:CreateServiceLinkedRole")) {
        createSlr = s;
      }
    }
    assertThat(createSlr).as("a statement grants iam:CreateServiceLinkedRole").isNotNull();
    assertThat(values(createSlr.path("Action"))).containsExactly("iam:CreateServiceLinkedRole");
    assertThat(values(createSlr.path("Resource"))).containsExactly(
        "arn:aws:iam::*:role/aws-service-role/ops.apigateway.amazonaws.com/AWSServiceRoleForAPIGateway");
    assertThat(createSlr.path("Condition").path("StringEquals").path("iam:AWSServiceName").asText())
        .isEqualTo("ops.apigateway.amazonaws.com");
  }

  /**
   * Every action docs/INSTALL.md tells the installer to allow or add for the operator's role is one the operator
   * calls: an action of the documented table, or one it calls only for a spec field that INSTALL says to extend
   * the policy for. (KMS: the operator names a key but never calls KMS, so INSTALL asks for no kms: action.)
   */
  @Test
  void installAsksOnlyForActionsTheOperatorCalls() throws IOException {
    String install = Files.readString(E2eEnvironment.repoRoot().resolve("docs/INSTALL.md"));
    Set<String> called = new TreeSet<>(OperatorAwsOperations.table().values());
    called.addAll(CALLED_FOR_AN_EXTENSION.keySet());

    assertThat(actionsAskedFor(install)).as("actions docs/INSTALL.md asks the operator's role to be allowed")
        .isNotEmpty().isSubsetOf(called);
  }

  /** Actions the operator calls only when a spec field needs a policy extension, and why. */
  private static final Map<String, String> CALLED_FOR_AN_EXTENSION = Map.of(
      "s3:GetObject", "reconciler/FunctionCode reads the code object named by spec.functions.code, and so does Lambda",
      "s3:GetObjectVersion", "the same object at its version, in a versioned bucket");
  private static final Pattern ASKING = Pattern.compile("(?i)\\b(?:allow|add)\\b([^.]*)");
  private static final Pattern ACTION = Pattern.compile("`([a-z0-9-]+:[A-Z][A-Za-z0-9*]*)`");

  /** The backquoted actions in the sentences of {@code text} that say to allow or add something. */
  static Set<String> actionsAskedFor(String text) {
    Set<String> actions = new TreeSet<>();
    Matcher asking = ASKING.matcher(text.replace('\n', ' '));
    while (asking.find()) {
      Matcher action = ACTION.matcher(asking.group(1));
      while (action.find()) {
        actions.add(action.group(1));
      }
    }
    return actions;
  }

  @Test
  void findsTheActionsASentenceAsksFor() {
    assertThat(actionsAskedFor("If so, also\nallow `kms:Encrypt` and `kms:CreateGrant` on that key. Trust "
        + "`sts:AssumeRole`. Add `s3:GetObject` on it.")).containsExactly("kms:CreateGrant", "kms:Encrypt",
        "s3:GetObject");
  }

  @Test
  void everyRoleWriteNeedsTheBoundary() {
    for (String action : ROLE_WRITES) {
      List<JsonNode> granting = allows().filter(s -> values(s.path("Action")).contains(action)).toList();
      assertThat(granting).as(action).isNotEmpty().allSatisfy(s -> assertThat(s.path("Condition").path("ArnLike")
          .path("iam:PermissionsBoundary").asText()).as(action).isEqualTo(BOUNDARY));
    }
  }

  @Test
  void rolesAreCreatedOnlyUnderTheFinpipePath() {
    allows().filter(s -> values(s.path("Action")).contains("iam:CreateRole")).forEach(s ->
        assertThat(values(s.path("Resource"))).containsExactly("arn:aws:iam::*:role/finpipe/fp_*"));
  }

  @Test
  void aBoundaryCanNeverBeRemovedAndNoManagedPolicyAttached() {
    JsonNode deny = statement("NeverRemoveABoundary");
    assertThat(deny.path("Effect").asText()).isEqualTo("Deny");
    assertThat(values(deny.path("Action"))).containsExactly("iam:DeleteRolePermissionsBoundary");
    assertThat(values(deny.path("Resource"))).containsExactly("arn:aws:iam::*:role/*");
    assertThat(deny.has("Condition")).isFalse();
    allows().forEach(s -> assertThat(values(s.path("Action"))).doesNotContain("iam:AttachRolePolicy",
        "iam:DeleteRolePermissionsBoundary", "iam:CreatePolicy", "iam:CreatePolicyVersion"));
  }

  /**
   * The code staging bucket (aws/codestaging): only buckets named like the default template, objects only under
   * the staged-code prefix; no delete, no policy, no tagging.
   */
  @Test
  void codeStagingIsLimitedToTheStagingBucketsAndTheirCodePrefix() {
    JsonNode buckets = statement("CodeStagingBuckets");
    assertThat(values(buckets.path("Resource"))).containsExactly("arn:aws:s3:::finpipe-code-*");
    assertThat(values(buckets.path("Action"))).containsExactlyInAnyOrder("s3:CreateBucket", "s3:ListBucket",
        "s3:PutBucketOwnershipControls", "s3:PutBucketPublicAccessBlock", "s3:PutEncryptionConfiguration",
        "s3:PutLifecycleConfiguration");
    JsonNode objects = statement("StagedFunctionCode");
    assertThat(values(objects.path("Resource"))).containsExactly("arn:aws:s3:::finpipe-code-*/lambda-code/*");
    assertThat(values(objects.path("Action"))).containsExactlyInAnyOrder("s3:GetObject", "s3:PutObject");
  }

  @Test
  void onlyS3AndApiGatewayMayBeGrantedInvoke() {
    List<JsonNode> granting = allows().filter(s -> values(s.path("Action")).contains("lambda:AddPermission"))
        .toList();
    assertThat(granting).hasSize(1);
    assertThat(values(granting.get(0).path("Action"))).containsExactly("lambda:AddPermission");
    assertThat(values(granting.get(0).path("Condition").path("StringEquals").path("lambda:Principal")))
        .containsExactlyInAnyOrder("s3.amazonaws.com", "apigateway.amazonaws.com");
  }

  private static java.util.stream.Stream<JsonNode> allows() {
    return java.util.stream.StreamSupport.stream(policy.path("Statement").spliterator(), false)
        .filter(s -> "Allow".equals(s.path("Effect").asText()));
  }

  private static JsonNode statement(String sid) {
    for (JsonNode s : policy.path("Statement")) {
      if (sid.equals(s.path("Sid").asText())) {
        return s;
      }
    }
    throw new AssertionError("no statement " + sid);
  }

  static Set<String> values(JsonNode node) {
    Set<String> values = new HashSet<>();
    if (node.isArray()) {
      node.forEach(n -> values.add(n.asText()));
    } else if (!node.isMissingNode()) {
      values.add(node.asText());
    }
    return values;
  }
}
