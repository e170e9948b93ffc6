package io.adplatform.admin.adaccounts;

import io.adplatform.admin.identity.Operator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Meta and TikTok ad accounts of a product. */
@RestController
@RequestMapping("/api/v1/products/{appId}/ad-accounts")
@Tag(name = "ad accounts", description = "Meta and TikTok ad accounts connected to a product (tokens write-only)")
class AdAccountsController {

    private final AdAccounts accounts;

    AdAccountsController(AdAccounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping
    @Operation(summary = "Connect an ad account with its access token, or replace the token (MANAGE_AD_ACCOUNTS)")
    ResponseEntity<AdAccount> connect(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                      @RequestBody(required = false) AdAccounts.Connect body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(accounts.connect(op, appId, body));
    }

    @GetMapping
    @Operation(summary = "The product's ad accounts (USE_AD_ACCOUNTS)")
    List<AdAccount> list(@AuthenticationPrincipal Operator op, @PathVariable String appId) {
        return accounts.list(op, appId);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One ad account (USE_AD_ACCOUNTS)")
    AdAccount get(@AuthenticationPrincipal Operator op, @PathVariable String appId, @PathVariable long id) {
        return accounts.get(op, appId, id);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Disconnect: the token is erased (MANAGE_AD_ACCOUNTS)")
    ResponseEntity<Void> disconnect(@AuthenticationPrincipal Operator op, @PathVariable String appId,
                                    @PathVariable long id) {
        accounts.disconnect(op, appId, id);
        return ResponseEntity.noContent().build();
    }
}
