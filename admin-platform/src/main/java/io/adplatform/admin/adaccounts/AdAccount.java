package io.adplatform.admin.adaccounts;

import java.time.Instant;

/**
 * An ad account connected to a product, as the API shows it: never its access token.
 *
 * @param id        ours
 * @param accountId the media's ({@code act_123}, a TikTok advertiser id)
 * @param currency  the account's currency as the media answered when it was connected (ISO 4217; null for accounts
 *                  connected before the check existed)
 * @param status    CONNECTED, or DISCONNECTED (token erased)
 */
public record AdAccount(long id, String appId, Media media, String accountId, String name, String currency,
                        String status,
                        Instant createdAt, Instant updatedAt) {

    public boolean connected() {
        return "CONNECTED".equals(status);
    }
}
