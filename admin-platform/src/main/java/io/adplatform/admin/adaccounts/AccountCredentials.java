package io.adplatform.admin.adaccounts;

/**
 * What a media client needs to act on an account: held in memory only for the calls, never serialised.
 *
 * @param ref ours ({@code ad_accounts.id})
 */
public record AccountCredentials(long ref, Media media, String accountId, String accessToken) {

    @Override
    public String toString() {
        return "AccountCredentials[" + media + ":" + accountId + "]";
    }
}
