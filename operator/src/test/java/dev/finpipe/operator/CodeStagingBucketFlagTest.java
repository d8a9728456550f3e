package dev.finpipe.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.finpipe.operator.aws.codestaging.StagingBucketName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --code-staging-bucket}: the template of the bucket function code is staged in, checked at start. */
class CodeStagingBucketFlagTest {
  private static OperatorOptions parse(String... args) {
    OperatorOptions options = new OperatorOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @Test
  void withoutTheFlagTheDefaultTemplateIsUsed() {
    OperatorOptions options = parse();
    options.checkCodeStagingBucket();
    assertThat(options.codeStagingBucket).isEqualTo(StagingBucketName.DEFAULT_TEMPLATE);
  }

  @Test
  void aTemplateWithoutTheRegionStopsTheOperatorAtStart() {
    OperatorOptions options = parse("--code-staging-bucket=acme-code-{account}");

    assertThatThrownBy(options::checkCodeStagingBucket).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("{region}");
  }
}
