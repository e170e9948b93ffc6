package io.adplatform.common.event;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * User data as it travels inside the platform: normalised and SHA-256 hashed at ingestion, so raw e-mail addresses and
 * phone numbers never reach Kafka. See {@link io.adplatform.common.pii.PiiHashing} for the rules.
 *
 * @param emailSha256     SHA-256 of the trimmed, lower-cased e-mail (Meta {@code em}, TikTok {@code email}, AppsFlyer {@code email_hashed})
 * @param phoneSha256     SHA-256 of the digits with country code and no {@code +} (Meta {@code ph}, AppsFlyer {@code phone_number_hashed})
 * @param phoneE164Sha256 SHA-256 of the E.164 form with {@code +} (TikTok {@code phone})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HashedUserData(String emailSha256, String phoneSha256, String phoneE164Sha256) {

    public static final HashedUserData NONE = new HashedUserData(null, null, null);
}
