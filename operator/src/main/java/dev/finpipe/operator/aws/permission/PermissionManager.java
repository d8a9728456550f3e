package dev.finpipe.operator.aws.permission;

import static dev.finpipe.operator.aws.permission.PermissionField.ACTION;
import static dev.finpipe.operator.aws.permission.PermissionField.FOREIGN_STATEMENT;
import static dev.finpipe.operator.aws.permission.PermissionField.OCCURRENCES;
import static dev.finpipe.operator.aws.permission.PermissionField.PRINCIPAL;
import static dev.finpipe.operator.aws.permission.PermissionField.SOURCE_ACCOUNT;
import static dev.finpipe.operator.aws.permission.PermissionField.SOURCE_ARN;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.finpipe.operator.aws.Drift;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.client.AwsCall;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.aws.function.FunctionPartManager;
import dev.finpipe.operator.aws.function.FunctionTags;
import dev.finpipe.operator.support.RetryableException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * One statement of a function's resource-based policy, addressed by (function ARN, statement id). Observed
 * through {@code GetPolicy} and compared parsed; a drifted statement is removed and added again (Lambda
 * has no "update permission"). Always observed before adding: the emulator appends a duplicate Sid instead
 * of refusing it, so blind adds would pile up statements; for the same reason {@code AddPermission} goes
 * through a client that does not repeat a request whose answer was lost ({@link AwsClients#lambdaAppends()}).
 *
 * <p>Ownership: a statement has no tags; it belongs to the function's owner. its observed tags are the
 * function's tags, so a statement on a foreign function is never touched.
 *
 * <p>Each function of a pipeline has exactly one statement the operator makes (S3's on the processor, one API
 * route's on each other), so every other statement of its policy is one the operator did not make, e.g. a
 * public invoke grant added out of band: drift ({@link PermissionField#FOREIGN_STATEMENT}), removed, and the
 * Event names it by Sid.
 */
public final class PermissionManager extends FunctionPartManager<DesiredPermission, ObservedPermission> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final LambdaClient appends;

  public PermissionManager(AwsClients clients) {
    this(clients, new FunctionTags(clients.lambda()));
  }

  public PermissionManager(AwsClients clients, FunctionTags functionTags) {
    super("Lambda permission", clients, functionTags);
    this.appends = clients.lambdaAppends();
  }

  @Override
  public String arnOf(DesiredPermission desired, ObservedPermission observed) {
    return desired.functionArn();
  }

  @Override
  public Optional<ObservedPermission> observe(DesiredPermission desired) {
    // No policy at all (or no function): no statement.
    return AwsCall.unlessAbsent("GetPolicy " + desired.functionArn(),
            () -> client.getPolicy(r -> r.functionName(desired.functionArn())).policy(),
            ResourceNotFoundException.class::isInstance)
        .flatMap(policy -> find(policy, desired.statementId()))
        .map(s -> s.withTags(functionTags(desired)));
  }

  /** The statement with {@code sid} in a resource policy document, parsed; empty when absent. */
  static Optional<ObservedPermission> find(String policy, String sid) {
    JsonNode root;
    try {
      root = JSON.readTree(policy);
    } catch (JsonProcessingException e) {
      throw new RetryableException("AwsError", "GetPolicy returned a document that is not JSON", e);
    }
    JsonNode statements = root.path("Statement");
    List<JsonNode> matches = new ArrayList<>();
    for (JsonNode s : statements.isArray() ? statements : List.of(statements)) {
      if (sid.equals(s.path("Sid").asText(null))) {
        matches.add(s);
      }
    }
    if (matches.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> foreign = new TreeMap<>();
    for (JsonNode other : statements.isArray() ? statements : List.of(statements)) {
      String otherSid = other.path("Sid").asText(null);
      if (otherSid != null && !sid.equals(otherSid)) {
        foreign.put(otherSid, String.valueOf(principal(other.path("Principal"))));
      }
    }
    JsonNode s = matches.get(0);
    return Optional.of(new ObservedPermission(sid, principal(s.path("Principal")), firstText(s.path("Action")),
        condition(s.path("Condition"), "AWS:SourceArn"), condition(s.path("Condition"), "AWS:SourceAccount"),
        matches.size(), foreign, Map.of()));
  }

  @Override
  public ObservedPermission create(DesiredPermission d) {
    add(d);
    return new ObservedPermission(d.statementId(), d.principal(), DesiredPermission.ACTION, d.sourceArn(),
        d.sourceAccount(), 1, Map.of(), Map.of());
  }

  @Override
  public List<FieldDrift> diff(DesiredPermission d, ObservedPermission o) {
    Drift drift = new Drift()
        .compare(PRINCIPAL, d.principal(), o.principal())
        .compare(ACTION, DesiredPermission.ACTION, o.action())
        .compare(SOURCE_ARN, d.sourceArn(), o.sourceArn())
        .compare(SOURCE_ACCOUNT, d.sourceAccount(), o.sourceAccount())
        .compare(OCCURRENCES, 1, o.occurrences());
    o.foreignStatements().forEach((sid, principal) -> drift.compare(FOREIGN_STATEMENT, sid, null, principal));
    return drift.list();
  }

  @Override
  public void update(DesiredPermission d, ObservedPermission observed, List<FieldDrift> drift) {
    observed.foreignStatements().keySet().forEach(sid -> remove(d.functionArn(), sid));
    if (FieldDrift.fields(drift, PermissionField.class).equals(EnumSet.of(FOREIGN_STATEMENT))) {
      return; // our own statement is as it must be
    }
    for (int i = 0; i < observed.occurrences(); i++) {
      remove(d);
    }
    add(d);
  }

  @Override
  public void delete(DesiredPermission desired, ObservedPermission observed) {
    for (int i = 0; i < observed.occurrences(); i++) {
      remove(desired);
    }
  }

  private void add(DesiredPermission d) {
    AwsCall.run("AddPermission " + nameOf(d), () -> appends.addPermission(r -> r.functionName(d.functionArn())
        .statementId(d.statementId()).action(DesiredPermission.ACTION).principal(d.principal())
        .sourceArn(d.sourceArn()).sourceAccount(d.sourceAccount())));
  }

  private void remove(DesiredPermission d) {
    remove(d.functionArn(), d.statementId());
  }

  private void remove(String functionArn, String statementId) {
    AwsCall.unlessGone("RemovePermission " + functionArn + "#" + statementId,
        () -> client.removePermission(r -> r.functionName(functionArn).statementId(statementId)),
        ResourceNotFoundException.class::isInstance);
  }

  /** {@code {"Service": "s3.amazonaws.com"}}, {@code {"AWS": "arn"}} or a bare string, as one string. */
  private static String principal(JsonNode principal) {
    if (principal.isObject()) {
      Iterator<JsonNode> values = principal.elements();
      return values.hasNext() ? firstText(values.next()) : null;
    }
    return firstText(principal);
  }

  /** The value of a condition key under any operator (ArnLike, ArnEquals, StringEquals...), key case-blind. */
  private static String condition(JsonNode condition, String key) {
    for (JsonNode operator : condition) {
      for (Iterator<Map.Entry<String, JsonNode>> it = operator.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        if (entry.getKey().equalsIgnoreCase(key)) {
          return firstText(entry.getValue());
        }
      }
    }
    return null;
  }

  private static String firstText(JsonNode node) {
    if (node.isArray()) {
      return node.isEmpty() ? null : node.get(0).asText();
    }
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }
}
