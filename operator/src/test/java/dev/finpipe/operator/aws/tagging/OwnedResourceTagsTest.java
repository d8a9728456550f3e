package dev.finpipe.operator.aws.tagging;

import static dev.finpipe.operator.testing.LambdaTestSupport.suffix;
import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.aws.client.AwsCallRecorder;
import dev.finpipe.operator.aws.client.AwsClients;
import dev.finpipe.operator.support.Ownership;
import dev.finpipe.operator.testing.Moto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;

/** The pass's tag listing against the emulator's Resource Groups Tagging API. */
class OwnedResourceTagsTest {
  private final AwsCallRecorder recorder = new AwsCallRecorder(new SimpleMeterRegistry());
  private final AwsClients aws = Moto.clients(recorder);
  private final String ours = "uid-" + suffix();
  private final String theirs = "uid-" + suffix();
  private final String queue = "tags-test-" + suffix();
  private final String otherQueue = "tags-test-other-" + suffix();
  private final String logGroup = "/aws/lambda/tags-test-" + suffix();

  @AfterEach
  void cleanUp() {
    for (String q : new String[] {queue, otherQueue}) {
      aws.sqs().listQueues(b -> b.queueNamePrefix(q)).queueUrls()
          .forEach(u -> aws.sqs().deleteQueue(b -> b.queueUrl(u)));
    }
    aws.logs().describeLogGroups(b -> b.logGroupNamePrefix(logGroup)).logGroups()
        .forEach(g -> aws.logs().deleteLogGroup(b -> b.logGroupName(g.logGroupName())));
  }

  private String queueArn(String name) {
    return "arn:aws:sqs:" + Moto.region() + ":" + Moto.ACCOUNT_ID + ":" + name;
  }

  @Test
  void listsThePipelinesResourcesWithTheirTagsInOneCallAndNothingElse() {
    aws.sqs().createQueue(b -> b.queueName(queue).tags(Map.of(Ownership.TAG_UID, ours, "team", "ledger")));
    aws.sqs().createQueue(b -> b.queueName(otherQueue).tags(Map.of(Ownership.TAG_UID, theirs)));
    aws.logs().createLogGroup(b -> b.logGroupName(logGroup).tags(Map.of(Ownership.TAG_UID, ours)));
    String logGroupArn = "arn:aws:logs:" + Moto.region() + ":" + Moto.ACCOUNT_ID + ":log-group:" + logGroup;
    OwnedResourceTags listed = new OwnedResourceTags(aws::tagging, Ownership.TAG_UID, ours);
    recorder.reset();

    assertThat(listed.of(queueArn(queue))).hasValue(Map.of(Ownership.TAG_UID, ours, "team", "ledger"));
    assertThat(listed.of(logGroupArn)).hasValue(Map.of(Ownership.TAG_UID, ours));
    assertThat(listed.of(logGroupArn + ":*")).as("the ARN with the stream suffix names the same log group")
        .hasValue(Map.of(Ownership.TAG_UID, ours));
    assertThat(listed.of(queueArn(otherQueue))).as("someone else's: read on its own").isEmpty();
    assertThat(recorder.snapshot().values().stream().mapToLong(Long::longValue).sum()).as(recorder.snapshot()
        .toString()).isEqualTo(1);
  }

  @Test
  void aResourceWhoseTagsWereWrittenIsNoLongerAnsweredFromTheListing() {
    aws.sqs().createQueue(b -> b.queueName(queue).tags(Map.of(Ownership.TAG_UID, ours)));
    aws.sqs().createQueue(b -> b.queueName(otherQueue));
    aws.logs().createLogGroup(b -> b.logGroupName(logGroup));
    OwnedResourceTags listed = new OwnedResourceTags(aws::tagging, Ownership.TAG_UID, ours);
    assertThat(listed.of(queueArn(queue))).isPresent();

    listed.forget(queueArn(queue));

    assertThat(listed.of(queueArn(queue))).isEmpty();
    OwnedResourceTags listedAfterTheWrite = new OwnedResourceTags(aws::tagging, Ownership.TAG_UID, ours);
    listedAfterTheWrite.forget(queueArn(queue));
    assertThat(listedAfterTheWrite.of(queueArn(queue))).as("a listing made after the write does not answer either")
        .isEmpty();
  }

  @Test
  void withoutAListingEveryResourceIsReadOnItsOwn() {
    assertThat(OwnedResourceTags.none().of(queueArn(queue))).isEmpty();
    assertThat(recorder.snapshot()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f:*,"
          + " arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f",
      "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f,"
          + " arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/f",
      "arn:aws:sqs:eu-west-1:123456789012:q, arn:aws:sqs:eu-west-1:123456789012:q",
  })
  void normalised(String arn, String expected) {
    assertThat(OwnedResourceTags.normalised(arn)).isEqualTo(expected);
  }

  /**
   * An operator whose policy lacks tag:GetResources: the test ground's IAM enforcement refuses the listing as AWS
   * would (AccessDenied), and every resource is left to its own tag read; once allowed, the listing answers.
   */
  @Test
  void aListingThePolicyRefusesLeavesEachResourceToItsOwnRead() {
    aws.sqs().createQueue(b -> b.queueName(queue).tags(Map.of(Ownership.TAG_UID, ours)));
    String user = "no-tagging-" + suffix();
    aws.iam().createUser(u -> u.userName(user));
    var key = aws.iam().createAccessKey(k -> k.userName(user)).accessKey();
    try (ResourceGroupsTaggingApiClient asUser = ResourceGroupsTaggingApiClient.builder()
        .endpointOverride(Moto.endpoint()).region(Region.of(Moto.region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey()))).build()) {

      assertThat(new OwnedResourceTags(() -> asUser, Ownership.TAG_UID, ours).of(queueArn(queue))).isEmpty();

      aws.iam().putUserPolicy(p -> p.userName(user).policyName("list-tags").policyDocument("""
          {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "tag:GetResources",
            "Resource": "*"}]}"""));
      assertThat(new OwnedResourceTags(() -> asUser, Ownership.TAG_UID, ours).of(queueArn(queue))).isPresent();
    } finally {
      aws.iam().listUserPolicies(p -> p.userName(user)).policyNames()
          .forEach(name -> aws.iam().deleteUserPolicy(p -> p.userName(user).policyName(name)));
      aws.iam().deleteAccessKey(k -> k.userName(user).accessKeyId(key.accessKeyId()));
      aws.iam().deleteUser(u -> u.userName(user));
    }
  }
}
