package io.adplatform.attribution.settings;

import io.adplatform.common.event.Partner;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Partner settings per product (internal API). Secrets go in, never come out unmasked. Each body becomes its partner's
 * settings record, whose {@code publicConfig()} is what is stored beside the sealed secret — one place names the keys.
 */
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
        AppsFlyerSettings given = new AppsFlyerSettings(true, body.appId(), body.s2sKey());
        return settings.put(productId, given.partner(), body.enabled(), given.publicConfig(), body.s2sKey(), "s2sKey");
    }

    @Operation(summary = "Create or update Meta Conversions API settings (token optional on update)")
    @PutMapping("/meta")
    PartnerSettingsView putMeta(@PathVariable @Pattern(regexp = PRODUCT_ID, message = PRODUCT_ID_MESSAGE) String productId,
                                @Valid @RequestBody SettingsRequests.Meta body) {
        MetaSettings given = new MetaSettings(true, body.datasetId(), body.accessToken(), body.testEventCode());
        return settings.put(productId, given.partner(), body.enabled(), given.publicConfig(), body.accessToken(),
                "accessToken");
    }

    @Operation(summary = "Create or update TikTok Events API settings (token optional on update)")
    @PutMapping("/tiktok")
    PartnerSettingsView putTikTok(@PathVariable @Pattern(regexp = PRODUCT_ID, message = PRODUCT_ID_MESSAGE) String productId,
                                  @Valid @RequestBody SettingsRequests.TikTok body) {
        TikTokSettings given = new TikTokSettings(true, body.eventSourceId(), body.accessToken(), body.appId(),
                body.testEventCode());
        return settings.put(productId, given.partner(), body.enabled(), given.publicConfig(), body.accessToken(),
                "accessToken");
    }

    @Operation(summary = "Remove a partner's settings: the product stops reporting to it")
    @DeleteMapping("/{partner}")
    ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = PRODUCT_ID, message = PRODUCT_ID_MESSAGE) String productId,
                                @PathVariable Partner partner) {
        settings.delete(productId, partner);
        return ResponseEntity.noContent().build();
    }
}
