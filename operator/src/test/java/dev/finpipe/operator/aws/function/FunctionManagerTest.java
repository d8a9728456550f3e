package dev.finpipe.operator.aws.function;

import dev.finpipe.operator.testing.Requeue;
import static dev.finpipe.operator.testing.LambdaTestSupport.dlqArn;
import static dev.finpipe.operator.testing.LambdaTestSupport.function;
import static dev.finpipe.operator.testing.LambdaTestSupport.role;
import static dev.finpipe.operator.testing.LambdaTestSupport.suffix;
import static dev.finpipe.operator.testing.LambdaTestSupport.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.aws.Convergence;
import dev.finpipe.operator.aws.FieldDrift;
import dev.finpipe.operator.aws.ManagerContractTest;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.aws.codestaging.CodeObject;
import dev.finpipe.operator.aws.codestaging.CodeStager;
import dev.finpipe.operator.aws.codestaging.StagingBucketName;
import dev.finpipe.operator.support.RetryableException;
import dev.finpipe.operator.testing.Moto;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.lambda.model.DeadLetterConfig;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

class FunctionManagerTest extends ManagerContractTest<DesiredFunction, ObservedFunction> {
  private final FunctionManager manager = new FunctionManager(clients);
  private final String name = "fn-" + suffix();
  private final String roleArn = role(clients, "role-" + name);
  private final byte[] code = zip("v1 " + name);
  private final DesiredFunction spec = function(name, roleArn, code, 512, dlqArn("dlq-" + name), owner.tags());

  @Override
  protected FunctionManager manager() {
    return manager;
  }

  @Override
  protected DesiredFunction desired() {
    return spec;
  }

  private FunctionConfiguration actual() {
    return clients.lambda().getFunction(r -> r.functionName(name)).configuration();
  }

  @Override
  protected Optional<Map<String, String>> ownTags(DesiredFunction desired) {
    return Optional.of(clients.lambda().listTags(r -> r.resource(actual().functionArn())).tags());
  }

  @Override
  protected void verifyCreated(DesiredFunction desired, Convergence created) {
    assertThat(created.arn()).isEqualTo("arn:aws:lambda:" + Moto.region() + ":" + Moto.ACCOUNT_ID + ":function:"
        + name);
    FunctionConfiguration c = actual();
    assertThat(c.runtimeAsString()).isEqualTo("java21");
    assertThat(c.memorySize()).isEqualTo(512);
    assertThat(c.tracingConfig().modeAsString()).isEqualTo("Active");
    assertThat(c.codeSha256()).isEqualTo(spec.codeSha256());
  }

  @Override
  protected String driftOneField(DesiredFunction desired) {
    clients.lambda().updateFunctionConfiguration(r -> r.functionName(name).memorySize(1024));
    return "memorySize";
  }

  @Override
  protected void verifyCorrected(DesiredFunction desired) {
    assertThat(actual().memorySize()).isEqualTo(512);
  }

  @Override
  protected DesiredFunction createForeign(Ownership other) {
    Requeue.untilPropagated(() -> manager.create(function(name, roleArn, code, 256, dlqArn("dlq-" + name),
        other.tags())));
    return spec;
  }

  @Override
  protected void cleanUp() {
    clients.iam().deleteRole(r -> r.roleName("role-" + name));
  }

  @Test
  void codeChangedOutOfBandIsDetectedByItsSha256AndRedeployed() {
    Requeue.untilPropagated(() -> manager.converge(spec, owner));
    clients.lambda().updateFunctionCode(r -> r.functionName(name).zipFile(SdkBytes.fromByteArray(zip("other"))));

    Convergence corrected = manager.converge(spec, owner);

    assertThat(corrected.corrected()).extracting(FieldDrift::field).containsExactly("codeSha256");
    assertThat(actual().codeSha256()).isEqualTo(spec.codeSha256());
  }

  @Test
  void aNewDeadLetterTargetIsWrittenOnceAndThenCountsAsConvergedEvenWhenNotEchoed() {
    Requeue.untilPropagated(() -> manager.converge(spec, owner));
    DesiredFunction moved = function(name, roleArn, code, 512, dlqArn("dlq2-" + name), owner.tags());

    Convergence changed = manager.converge(moved, owner);
    recorder.reset();
    Convergence again = manager.converge(moved, owner);

    assertThat(changed.corrected()).extracting(FieldDrift::field).contains("deadLetterConfig");
    assertThat(again.action()).isEqualTo(Convergence.Action.UNCHANGED);
    assertThat(recorder.mutating()).isEmpty();
  }

  @Test
  void anAbsentDeadLetterTargetIsDriftUnlessOurFingerprintSaysWeWroteIt() {
    FunctionConfiguration echoedNothing = FunctionConfiguration.builder().functionArn("arn:aws:lambda:x")
        .runtime("java21").handler(spec.handler()).role(roleArn).memorySize(512).timeout(30)
        .environment(e -> e.variables(spec.environment())).tracingConfig(t -> t.mode("Active"))
        .codeSha256(spec.codeSha256()).build();
    Map<String, String> tagsWithFingerprint = WriteOnlyFields.desiredTags(spec);
    Map<String, String> tagsWithout = owner.tags();

    assertThat(manager.diff(spec, new ObservedFunction(echoedNothing, tagsWithFingerprint))).isEmpty();
    assertThat(manager.diff(spec, new ObservedFunction(echoedNothing, tagsWithout)))
        .extracting(FieldDrift::field).contains("deadLetterConfig");
    FunctionConfiguration echoedOther = echoedNothing.toBuilder()
        .deadLetterConfig(DeadLetterConfig.builder().targetArn(dlqArn("someone-elses")).build())
        .tracingConfig(t -> t.mode("PassThrough")).build();
    assertThat(manager.diff(spec, new ObservedFunction(echoedOther, tagsWithFingerprint)))
        .extracting(FieldDrift::field).containsExactly("tracingConfig", "deadLetterConfig");
  }

  /** AWS echoes the dead-letter target and key, so there an absent one was removed out of band. */
  @Test
  void againstAwsAnAbsentDeadLetterTargetIsDriftWhateverTheFingerprint() {
    FunctionManager againstAws = new FunctionManager(clients.lambda(), clients,
        new FunctionTags(clients.lambda()), false, new CodeUploads(StagingBucketName.DEFAULT_TEMPLATE));
    FunctionConfiguration removed = FunctionConfiguration.builder().functionArn("arn:aws:lambda:x")
        .runtime("java21").handler(spec.handler()).role(roleArn).memorySize(512).timeout(30)
        .environment(e -> e.variables(spec.environment())).tracingConfig(t -> t.mode("Active"))
        .codeSha256(spec.codeSha256()).build();

    assertThat(againstAws.diff(spec, new ObservedFunction(removed, WriteOnlyFields.desiredTags(spec))))
        .extracting(FieldDrift::field).containsExactly("deadLetterConfig");
  }

  /**
   * Lambda reads the code from S3 (the staging bucket of the account and region), not from the request: functions
   * with the same code share one staged object, uploaded once.
   */
  @Test
  void functionsWithTheSameCodeAreCreatedFromOneStagedObject() {
    String second = name + "-b";
    Requeue.untilPropagated(() -> manager.converge(spec, owner));
    Requeue.untilPropagated(() -> manager.converge(function(second, roleArn, code, 512, null, owner.tags()), owner));
    try {
      String stagingBucket = StagingBucketName.of(StagingBucketName.DEFAULT_TEMPLATE, Moto.ACCOUNT_ID, Moto.region());
      assertThat(recorder.snapshot()).containsEntry("S3:PutObject", 1L);
      assertThat(clients.s3().headObject(b -> b.bucket(stagingBucket).key(CodeStager.key(spec.codeSha256())))
          .contentLength()).isEqualTo(code.length);
      assertThat(clients.lambda().getFunction(r -> r.functionName(second)).configuration().codeSha256())
          .isEqualTo(spec.codeSha256());
    } finally {
      clients.lambda().deleteFunction(r -> r.functionName(second));
    }
  }

  /** Code from the pipeline's own object, read by Lambda where it is, at the version that was looked at. */
  @Test
  void codeInTheFunctionsRegionIsReadByLambdaWhereItIs() {
    String bucket = "code-" + name.toLowerCase().replace('_', '-');
    clients.s3().createBucket(b -> b.bucket(bucket));
    clients.s3().putObject(b -> b.bucket(bucket).key("handlers.jar"), RequestBody.fromBytes(code));
    DesiredFunction fromUsersObject = function(name, roleArn, new CodeSource.InS3(
        new CodeObject(bucket, "handlers.jar", null), spec.codeSha256()), 512, dlqArn("dlq-" + name), owner.tags());
    recorder.reset();

    Requeue.untilPropagated(() -> manager.converge(fromUsersObject, owner));

    assertThat(actual().codeSha256()).isEqualTo(spec.codeSha256());
    assertThat(recorder.snapshot()).doesNotContainKey("S3:PutObject");
  }

  /** An unversioned object replaced after its SHA-256 was taken: the function is not taken as converged. */
  @Test
  void codeThatDoesNotMatchItsDeclaredSha256IsRefused() {
    String bucket = "code-" + name.toLowerCase().replace('_', '-');
    clients.s3().createBucket(b -> b.bucket(bucket));
    clients.s3().putObject(b -> b.bucket(bucket).key("handlers.jar"), RequestBody.fromBytes(zip("swapped")));
    DesiredFunction lying = function(name, roleArn, new CodeSource.InS3(new CodeObject(bucket, "handlers.jar", null),
        spec.codeSha256()), 512, null, owner.tags());

    assertThatThrownBy(() -> Requeue.untilPropagated(() -> manager.converge(lying, owner)))
        .isInstanceOfSatisfying(RetryableException.class, e -> assertThat(e.reason()).isEqualTo("CodeChanged"))
        .hasMessageContaining(spec.codeSha256());
  }
}
