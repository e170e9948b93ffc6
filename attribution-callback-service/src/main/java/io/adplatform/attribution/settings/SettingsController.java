package io.adplatform.attribution.settings;

import io.adplatform.common.event.Partner;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Partner settings per product (internal API). Secrets go in, never come out unmasked. */
@Tag(name = "partner settings")
@RestController
@RequestMapping("/internal/v1/products/{productId}/partners")
class SettingsController {

    static final String PRODUCT_ID = "^[A-Za-z0-9._:-]{1,128}$";
    static final String PRODUCT_ID_MESSAGE = "must be 1 to 128 letters, digits, '.', '_', ':' or '-'";

    private final SettingsService settings;

    SettingsController(SettingsService settings) {
        this.settings = settings;
    }

    @Operation(summary = "All partner settings of a product, secrets masked")
    @GetMapping
    List<PartnerSettingsView> list(@PathVariable @Pattern(regexp = PRODUCT_ID, message = PRODUCT_ID_MESSAGE) String productId) {
        return settings.list(productId);
    }

    @Operation(summary = "One partner's settings of a product, secret masked")
    @GetMapping("/{partner}")
    PartnerSettingsView get(@PathVariable @Pattern(regexp = PRODUCT_ID, message = PRODUCT_ID_MESSAGE) String productId,
                            @PathVariable Partner partner) {
        return settings.get(productId, partner);
    }

    @Operation(summary = "Create or update AppsFlyer settings (S2S key optional on update)")
    @PutMapping("/appsflyer")
    PartnerSettingsView putAppsFlyer(@PathVariable @Pattern(regexp = PRODUCT_ID, message = PRODUCT_ID_MESSAGE) String productId,
                                     @Valid @RequestBody SettingsRequests.AppsFlyer body) {
        return settings.put(productId, Partner.APPSFLYER, body.enabled(), Map.of("appId", body.appId()), body.s2sKey(),
                "s2sKey");
    }

    @Operation(summary = "Create or update Meta Conversions API settings (token optional on update)")
    @PutMapping("/meta")
    PartnerSettingsView putMeta(@PathVariable @Pattern(regexp = PRODUCT_ID, message = PRODUCT_ID_MESSAGE) String productId,
                                @Valid @RequestBody SettingsRequests.Meta body) {
        Map<String, String> config = new HashMap<>();
        config.put("datasetId", body.datasetId());
        if (body.testEventCode() != null) {
            config.put("testEventCode", body.testEventCode());
        }
        return settings.put(productId, Partner.META, body.enabled(), config, body.accessToken(), "accessToken");
    }

    @Operation(summary = "Create or update TikTok Events API settings (token optional on update)")
    @PutMapping("/tiktok")
    PartnerSettingsView putTikTok(@PathVariable @Pattern(regexp = PRODUCT_ID, message = PRODUCT_ID_MESSAGE) String productId,
                                  @Valid @RequestBody SettingsRequests.TikTok body) {
        Map<String, String> config = new HashMap<>();
        config.put("eventSourceId", body.eventSourceId());
        if (body.appId() != null) {
            config.put("appId", body.appId());
        }
        if (body.testEventCode() != null) {
            config.put("testEventCode", body.testEventCode());
        }
        return settings.put(productId, Partner.TIKTOK, body.enabled(), config, body.accessToken(), "accessToken");
    }

    @Operation(summary = "Remove a partner's settings: the product stops reporting to it")
    @DeleteMapping("/{partner}")
    ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = PRODUCT_ID, message = PRODUCT_ID_MESSAGE) String productId,
                                @PathVariable Partner partner) {
        settings.delete(productId, partner);
        return ResponseEntity.noContent().build();
    }
}
