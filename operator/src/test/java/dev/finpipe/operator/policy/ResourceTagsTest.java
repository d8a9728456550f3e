package dev.finpipe.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tags of a pipeline's resources and AWS's rules for them, as tables. */
class ResourceTagsTest {
  private static final Map<String, String> OWNERSHIP = Map.of("finpipe.dev/uid", "u-1",
      "finpipe.dev/managed-by", "financial-pipeline-operator");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      defaults only                  | team=data          | ''                 | team=data
      spec adds to defaults          | team=data          | cost=42            | team=data,cost=42
      spec wins over defaults        | team=data,env=x    | team=payments      | team=payments,env=x
      empty spec value still wins    | team=data          | team=              | team=
      neither                        | ''                 | ''                 | ''
      """)
  void specTagsOverrideDefaultsAndOwnershipIsAlwaysThere(String title, String defaults, String spec,
                                                          String expected) {
    Map<String, String> merged = ResourceTags.merge(OWNERSHIP, pairs(spec), pairs(defaults));

    Map<String, String> expectedTags = new LinkedHashMap<>(pairs(expected));
    expectedTags.putAll(OWNERSHIP);
    assertThat(merged).containsExactlyInAnyOrderEntriesOf(expectedTags);
  }

  @Test
  void ownershipTagsWinOverAnyOtherValueOfTheirKey() {
    Map<String, String> merged = ResourceTags.merge(OWNERSHIP, Map.of("finpipe.dev/uid", "forged"),
        Map.of("finpipe.dev/managed-by", "someone"));

    assertThat(merged).isEqualTo(OWNERSHIP);
  }

  @Test
  void nullMapsCountAsEmpty() {
    assertThat(ResourceTags.merge(OWNERSHIP, null, null)).isEqualTo(OWNERSHIP);
    assertThat(ResourceTags.problems("spec.tags", null)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      plain                         | team          | data             | true
      AWS's punctuation             | a_b.c:d/e=f+g-h@i | a_b.c:d/e=f+g-h@i | true
      spaces and Unicode letters    | Équipe Données | finance élevée  | true
      digits of other scripts       | ٣٤            | ४२               | true
      empty value                   | team          | ''               | true
      value starting with aws:      | source        | aws:cloudformation | true
      empty key                     | ''            | v                | false
      operator's prefix             | finpipe.dev/uid | v              | false
      AWS's prefix                  | aws:cost      | v                | false
      AWS's prefix in capitals      | AWS:cost      | v                | false
      comma in key                  | a,b           | v                | false
      semicolon in value            | k             | a;b              | false
      asterisk in key               | k*            | v                | false
      """)
  void keysAndValuesFollowAwsRules(String title, String key, String value, boolean allowed) {
    assertThat(ResourceTags.problems("spec.tags", Map.of(key, value))).hasSize(allowed ? 0 : 1);
  }

  /** 𝒜 is a letter outside the Basic Multilingual Plane (two UTF-16 units); an emoji is no letter at all. */
  @ParameterizedTest(name = "key of {0} {1}: allowed {2}")
  @CsvSource({"128, a, true", "129, a, false", "128, é, true", "128, 𝒜, true", "129, 𝒜, false", "1, 😀, false"})
  void keysAreCountedInCharactersUpTo128(int length, String character, boolean allowed) {
    assertThat(ResourceTags.problems("spec.tags", Map.of(character.repeat(length), "v")))
        .hasSize(allowed ? 0 : 1);
  }

  @ParameterizedTest(name = "value of {0} characters: allowed {2}")
  @CsvSource({"256, v, true", "257, v, false", "256, ü, true", "257, ü, false"})
  void valuesAreCountedInCharactersUpTo256(int length, String character, boolean allowed) {
    assertThat(ResourceTags.problems("spec.tags", Map.of("k", character.repeat(length)))).hasSize(allowed ? 0 : 1);
  }

  @Test
  void aProblemNamesWhereAndWhichTag() {
    assertThat(ResourceTags.problems("--default-tags", Map.of("aws:x", "v")))
        .containsExactly("--default-tags tag 'aws:x': the prefix aws: is reserved by AWS");
  }

  @Test
  void fortyFiveTagsFitBesideTheOperatorsFiveAndNotOneMore() {
    assertThat(ResourceTags.MAX_USER_TAGS + ResourceTags.OPERATOR_TAGS).isEqualTo(ResourceTags.MAX_PER_RESOURCE);
    assertThat(ResourceTags.problems("spec.tags", numbered(45))).isEmpty();
    assertThat(ResourceTags.problems("spec.tags", numbered(46))).singleElement().asString()
        .contains("has 46 tags; at most 45");
  }

  @Test
  void specAndDefaultsAreCountedTogetherOncePerKey() {
    Map<String, String> spec = numbered("s", 30);
    Map<String, String> defaults = numbered("d", 15);
    assertThat(ResourceTags.countProblem(spec, defaults)).isEmpty();
    defaults.put("s1", "a default the spec overrides: one tag");
    assertThat(ResourceTags.countProblem(spec, defaults)).isEmpty();
    defaults.put("d16", "v");
    assertThat(ResourceTags.countProblem(spec, defaults)).get().asString().contains("make 46 tags; at most 45");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      two pairs                 | cost-center=fin42,owner=data | cost-center=fin42,owner=data
      spaces around             | ' team = data , env=prod '   | team=data,env=prod
      = in a value              | url=a=b                      | url=a=b
      empty value               | team=                        | team=
      trailing comma            | team=data,                   | team=data
      """)
  void theDefaultTagsFlagIsParsed(String title, String flag, String expected) {
    assertThat(ResourceTags.parseDefaults(flag)).containsExactlyEntriesOf(pairs(expected));
  }

  @Test
  void noDefaultTagsFlagMeansNone() {
    assertThat(ResourceTags.parseDefaults(null)).isEmpty();
    assertThat(ResourceTags.parseDefaults(" ")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      team                     | is not key=value
      finpipe.dev/x=1          | the prefix finpipe.dev/ is reserved
      aws:x=1                  | the prefix aws: is reserved by AWS
      team=a;b                 | only letters, digits, spaces
      """)
  void aBadDefaultTagsFlagIsRefusedWithTheReason(String flag, String reason) {
    assertThatThrownBy(() -> ResourceTags.parseDefaults(flag)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--default-tags").hasMessageContaining(reason);
  }

  private static Map<String, String> numbered(int count) {
    return numbered("t", count);
  }

  private static Map<String, String> numbered(String prefix, int count) {
    return IntStream.rangeClosed(1, count).boxed().collect(Collectors.toMap(i -> prefix + i, i -> "v",
        (a, b) -> a, LinkedHashMap::new));
  }

  /** "k=v,k2=v2" as a map, each pair split at its first =; "" is empty. */
  private static Map<String, String> pairs(String pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    if (pairs == null || pairs.isEmpty()) {
      return map;
    }
    for (String pair : pairs.split(",")) {
      int eq = pair.indexOf('=');
      map.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return map;
  }
}
