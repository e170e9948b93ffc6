package io.adplatform.admin.adaccounts;

import java.time.Instant;

/**
 * An ad account connected to a product, as the API shows it: never its access token.
 *
 * @param id        ours
 * @param accountId the media's ({@code act_123}, a TikTok advertiser id)
 * @param status    CONNECTED, or DISCONNECTED (token erased)
 */
public record AdAccount(long id, String appId, Media media, String accountId, String name, String status,
                        Instant createdAt, Instant updatedAt) {

    public boolean connected() {
        return "CONNECTED".equals(status);
    }
}
