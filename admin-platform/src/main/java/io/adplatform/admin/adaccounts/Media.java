package io.adplatform.admin.adaccounts;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The media whose Marketing APIs ads are created through, and how each names an ad account. */
public enum Media {
    /** Graph ad accounts, {@code act_<digits>}. */
    META(Pattern.compile("^act_\\d{1,20}$"), "act_<digits>"),
    /** TikTok advertiser ids, digits. */
    TIKTOK(Pattern.compile("^\\d{6,25}$"), "the advertiser id (digits)");

    private final Pattern accountId;
    private final String accountIdForm;

    Media(Pattern accountId, String accountIdForm) {
        this.accountId = accountId;
        this.accountIdForm = accountIdForm;
    }

    public boolean validAccountId(String id) {
        return id != null && accountId.matcher(id).matches();
    }

    public String accountIdForm() {
        return accountIdForm;
    }

    public static Optional<Media> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
