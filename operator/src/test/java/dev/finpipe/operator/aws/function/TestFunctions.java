package dev.finpipe.operator.aws.function;

import static dev.finpipe.operator.testing.LambdaTestSupport.createFunction;
import static dev.finpipe.operator.testing.LambdaTestSupport.suffix;

import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.support.Ownership;
import java.util.ArrayList;
import java.util.List;

/** The functions a manager test makes as parents (of permissions, invocation configs), deleted after it. */
public final class TestFunctions {
  private final AwsClients clients;
  private final List<String> made = new ArrayList<>();

  public TestFunctions(AwsClients clients) {
    this.clients = clients;
  }

  /** A new function owned by {@code whom}; its ARN. */
  public String create(Ownership whom) {
    String arn = createFunction(clients, "fn-" + suffix(), whom);
    made.add(arn);
    return arn;
  }

  /** Deletes every function made here and its role. */
  public void deleteAll() {
    for (String arn : made) {
      clients.lambda().deleteFunction(r -> r.functionName(arn));
      String name = arn.substring(arn.lastIndexOf(':') + 1);
      clients.iam().deleteRole(r -> r.roleName("role-" + name));
    }
  }
}
