package io.adplatform.offline.reports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The ad accounts whose media reports are pulled (internal, {@code X-Service-Token}). Tokens go in, never out. */
@RestController
@RequestMapping("/internal/v1/report-accounts")
@Tag(name = "report-accounts", description = "Meta ad accounts and TikTok advertisers whose reports are pulled")
class ReportAccountsController {

    private final AccountAdministration admin;

    ReportAccountsController(AccountAdministration admin) {
        this.admin = admin;
    }

    @PutMapping("/{media}/{accountId}")
    @Operation(summary = "Create (201) or update (200) an account to pull; the token is stored encrypted")
    ResponseEntity<AccountAdministration.AccountView> put(@PathVariable String media, @PathVariable String accountId,
                                                          @RequestBody(required = false) AccountAdministration.AccountBody body) {
        boolean created = admin.put(media, accountId, body);
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(admin.view(media, accountId));
    }

    @GetMapping
    @Operation(summary = "Every account, optionally of one media, with its pull state (never the token)")
    List<AccountAdministration.AccountView> list(@RequestParam(required = false) String media) {
        return admin.list(media);
    }

    @GetMapping("/{media}/{accountId}")
    AccountAdministration.AccountView get(@PathVariable String media, @PathVariable String accountId) {
        return admin.view(media, accountId);
    }

    @DeleteMapping("/{media}/{accountId}")
    @Operation(summary = "Stop pulling the account and forget it (its rows in media_reports stay)")
    ResponseEntity<Void> delete(@PathVariable String media, @PathVariable String accountId) {
        admin.delete(media, accountId);
        return ResponseEntity.noContent().build();
    }
}
