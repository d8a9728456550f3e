package dev.finpipe.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.finpipe.operator.api.FinancialPipelineSpec;
import dev.finpipe.operator.policy.AdministratorAllowances;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The operator's own check of spec.tags: AWS's rules again (for pipelines stored before the CRD had them) and
 * spec.tags with the default tags within what fits on one resource, which admission cannot know.
 */
class SpecValidatorTagsTest {
  private static AdministratorAllowances withDefaults(Map<String, String> defaults) {
    return new AdministratorAllowances(AdministratorAllowances.DEFAULT_PERMISSIONS_BOUNDARY, false, List.of(),
        Set.of(), false, defaults);
  }

  private static FinancialPipelineSpec spec(Map<String, String> tags) {
    FinancialPipelineSpec spec = new FinancialPipelineSpec();
    spec.region = "eu-west-1";
    spec.tags = tags;
    return spec;
  }

  private static Map<String, String> numbered(String prefix, int count) {
    return IntStream.rangeClosed(1, count).boxed().collect(Collectors.toMap(i -> prefix + i, i -> "v",
        (a, b) -> a, LinkedHashMap::new));
  }

  @Test
  void noTagsAndNoDefaultsAreFine() {
    assertThat(SpecValidator.tagProblems(spec(null), AdministratorAllowances.DEFAULTS)).isEmpty();
  }

  @Test
  void aTagStoredBeforeTheCrdRulesIsStillRefused() {
    assertThat(SpecValidator.tagProblems(spec(Map.of("finpipe.dev/uid", "forged")), AdministratorAllowances.DEFAULTS))
        .singleElement().asString().contains("spec.tags tag 'finpipe.dev/uid'").contains("reserved");
  }

  @Test
  void specAndDefaultsTogetherBeyond45AreRefusedAndAtFortyFiveAdmitted() {
    assertThat(SpecValidator.tagProblems(spec(numbered("s", 40)), withDefaults(numbered("d", 5)))).isEmpty();
    assertThat(SpecValidator.tagProblems(spec(numbered("s", 40)), withDefaults(numbered("d", 6))))
        .singleElement().asString().contains("make 46 tags; at most 45");
  }
}
