package dev.finpipe.operator.aws.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.finpipe.operator.testing.Moto;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * Guards the pinned AWS SDK version: the CloudWatch client must speak a protocol the AWS emulator parses.
 * SDKs from 2.40.7 on speak Smithy RPCv2 CBOR to CloudWatch, which moto cannot parse (moto issue #9195).
 */
class CloudWatchProtocolTest {
  private static final String WHY = "The CloudWatch client of this AWS SDK cannot talk to the AWS emulator: "
      + "AWS SDK for Java v2 from 2.40.7 on speaks Smithy RPCv2 CBOR to CloudWatch, which moto cannot parse "
      + "(moto issue #9195). Keep awssdk.version at 2.40.5 or older in the root pom.xml (see its comment and "
      + "docs TESTENV.md).";

  @Test
  void aMetricMathAlarmPutThroughTheSdkIsReadBackIntact() {
    CloudWatchClient cloudWatch = Moto.clients().cloudWatch();
    String name = "protocol-check-" + UUID.randomUUID();
    List<MetricAlarm> read;
    try {
      cloudWatch.putMetricAlarm(r -> r.alarmName(name).metrics(AlarmTestQueries.errorRate("fn"))
          .threshold(1.0).comparisonOperator("GreaterThanThreshold").evaluationPeriods(2).datapointsToAlarm(2)
          .treatMissingData("notBreaching"));
      read = cloudWatch.describeAlarms(r -> r.alarmNames(name)).metricAlarms();
    } catch (SdkException e) {
      fail(WHY + " Cause: " + e, e);
      return;
    }
    assertThat(read).as(WHY).hasSize(1);
    assertThat(AlarmManager.canonical(read.get(0).metrics())).as(WHY)
        .isEqualTo(AlarmManager.canonical(AlarmTestQueries.errorRate("fn")));
    assertThat(read.get(0).threshold()).as(WHY).isEqualTo(1.0);
    cloudWatch.deleteAlarms(r -> r.alarmNames(name));
  }
}
