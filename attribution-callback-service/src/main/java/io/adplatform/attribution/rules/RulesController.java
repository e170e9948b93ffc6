package io.adplatform.attribution.rules;

import io.adplatform.common.event.Partner;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Which events go to which partner under which name (internal API). */
@Tag(name = "rules")
@RestController
@RequestMapping("/internal/v1/products/{productId}/rules")
class RulesController {

    static final String PRODUCT_ID = "^[A-Za-z0-9._:-]{1,128}$";
    static final String PRODUCT_ID_MESSAGE = "must be 1 to 128 letters, digits, '.', '_', ':' or '-'";

    /** Body of {@code PUT .../rules/{partner}}: the partner's complete, ordered rule list (first match wins). */
    record RulesRequest(List<Rule> rules) {
    }

    private final RuleService rules;

    RulesController(RuleService rules) {
        this.rules = rules;
    }

    @Operation(summary = "Effective rules per partner, with their source (configured or default)")
    @GetMapping
    Map<Partner, RuleService.PartnerRules> get(@PathVariable @Pattern(regexp = PRODUCT_ID, message = PRODUCT_ID_MESSAGE)
                                               String productId) {
        return rules.effective(productId);
    }

    @Operation(summary = "Replace a partner's rules (an empty list reports nothing to that partner)")
    @PutMapping("/{partner}")
    RuleService.PartnerRules put(@PathVariable @Pattern(regexp = PRODUCT_ID, message = PRODUCT_ID_MESSAGE) String productId,
                                 @PathVariable Partner partner, @RequestBody RulesRequest body) {
        return rules.replace(productId, partner, body == null ? null : body.rules());
    }

    @Operation(summary = "Drop a partner's configured rules: the defaults apply again")
    @DeleteMapping("/{partner}")
    RuleService.PartnerRules reset(@PathVariable @Pattern(regexp = PRODUCT_ID, message = PRODUCT_ID_MESSAGE) String productId,
                                   @PathVariable Partner partner) {
        return rules.reset(productId, partner);
    }
}
