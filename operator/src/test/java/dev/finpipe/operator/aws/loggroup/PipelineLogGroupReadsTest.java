package dev.finpipe.operator.aws.loggroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PipelineLogGroupReadsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/aws/lambda/fp_ns_ledger_upload,/aws/lambda/fp_ns_ledger_processor | /aws/lambda/fp_ns_ledger_",
      "/aws/lambda/a | /aws/lambda/a",
      "/aws/lambda/ab,/aws/lambda/a | /aws/lambda/a",
      "/aws/lambda/x,/other/y | /",
      "a,b | ''",
      "'' | ''",
  })
  void commonPrefix(String names, String prefix) {
    List<String> list = names.isEmpty() ? List.of() : Arrays.asList(names.split(","));
    assertThat(PipelineLogGroupReads.commonPrefix(list)).isEqualTo(prefix);
  }
}
