package dev.finpipe.e2e.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The readers the node suite asserts with, on real samples of their inputs. */
class NodeSuiteParsersTest {
  private static final String STATUS = """
      Name:\tjava
      Umask:\t0022
      State:\tS (sleeping)
      Uid:\t65532\t65532\t65532\t65532
      Gid:\t65532\t65532\t65532\t65532
      CapInh:\t0000000000000000
      CapPrm:\t0000000000000000
      CapEff:\t0000000000000000
      CapBnd:\t00000000a80425fb
      CapAmb:\t0000000000000000
      NoNewPrivs:\t1
      Seccomp:\t2
      """;

  @Test
  void readsIdsCapabilitiesAndFlagsOfProcStatus() {
    ProcessStatus status = ProcessStatus.parse(STATUS);
    assertThat(status.ids("Uid")).containsExactly(65532L, 65532L, 65532L, 65532L);
    assertThat(status.capabilities("CapEff")).isZero();
    assertThat(status.capabilities("CapBnd")).as("the default bounding set of a container").isEqualTo(0xa80425fbL);
    assertThat(status.field("NoNewPrivs")).isEqualTo("1");
    assertThatThrownBy(() -> status.field("Missing")).isInstanceOf(AssertionError.class);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "overlay / overlay ro,relatime,lowerdir=/a 0 0|ro,relatime,lowerdir=/a",
      "rootfs / rootfs rw 0 0\\noverlay / overlay ro,relatime 0 0|ro,relatime",
      "overlay / overlay rw,relatime 0 0\\ntmpfs /tmp tmpfs ro 0 0|rw,relatime"})
  void readsTheOptionsOfTheLastMountOnRoot(String mounts, String options) {
    assertThat(ProcessStatus.rootMountOptions(mounts.replace("\\n", "\n"))).isEqualTo(options);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "finpipe_aws_calls_total{operation=\"PutObject\",service=\"S3\"} 3.0\\n"
          + "finpipe_aws_calls_total{operation=\"GetBucketPolicy\",service=\"S3\"} 2.0|5.0",
      "finpipe_aws_calls_total 4 1700000000000|4.0",
      "# TYPE finpipe_aws_calls_total counter\\nfinpipe_aws_calls_total_created 1.7E9\\nother 9|0.0"})
  void sumsEverySampleOfOneMetric(String scrape, double sum) {
    assertThat(PrometheusScrape.sum(scrape.replace("\\n", "\n"), "finpipe_aws_calls_total")).isEqualTo(sum);
  }

  @Test
  void aMountListWithoutRootIsAnError() {
    assertThatThrownBy(() -> ProcessStatus.rootMountOptions(String.join("\n", List.of("tmpfs /tmp tmpfs rw 0 0"))))
        .isInstanceOf(AssertionError.class);
  }
}
