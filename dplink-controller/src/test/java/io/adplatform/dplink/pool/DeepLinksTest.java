package io.adplatform.dplink.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DeepLinksTest {

    @Test
    void acceptsAppSchemesAndWebLinks() {
        assertThat(DeepLinks.problem("myapp://product/42?utm_source=tiktok&link=9", List.of())).isNull();
        assertThat(DeepLinks.problem("https://app.example.com/open/42", List.of())).isNull();
        assertThat(DeepLinks.problem("snssdk1233://item/1", List.of("snssdk1233"))).isNull();
    }

    @Test
    void refusesWhatIsNotADeepLink() {
        assertThat(DeepLinks.problem("not a link", List.of())).contains("space");
        assertThat(DeepLinks.problem("/relative/path", List.of())).contains("no scheme");
        assertThat(DeepLinks.problem("javascript:alert(1)", List.of())).contains("forbidden");
        assertThat(DeepLinks.problem("data:text/html,hi", List.of())).contains("forbidden");
        assertThat(DeepLinks.problem("https:///nohost", List.of())).contains("without a host");
        assertThat(DeepLinks.problem("myapp://", List.of())).isNotNull();
        assertThat(DeepLinks.problem("myapp:", List.of())).isNotNull();
        assertThat(DeepLinks.problem("myapp://x", List.of("otherapp"))).contains("allows");
        assertThat(DeepLinks.problem("my app://x", List.of())).isNotNull();
        assertThat(DeepLinks.problem("a".repeat(2049), List.of())).contains("longer");
        assertThat(DeepLinks.schemeProblem("Bad")).isNotNull();
        assertThat(DeepLinks.schemeProblem("javascript")).isNotNull();
    }
}
