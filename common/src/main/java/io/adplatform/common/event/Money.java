package io.adplatform.common.event;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount in an ISO-4217 currency. Amounts are never floating point: partners receive the plain decimal text.
 */
public record Money(BigDecimal amount, String currency) {

    public static final int MAX_SCALE = 6;

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (!isIsoCurrency(currency)) {
            throw new IllegalArgumentException("currency must be an ISO-4217 code: " + currency);
        }
        if (amount.scale() > MAX_SCALE) {
            throw new IllegalArgumentException("amount has more than " + MAX_SCALE + " decimal places");
        }
    }

    public static boolean isIsoCurrency(String code) {
        if (code == null || code.length() != 3 || !code.equals(code.toUpperCase(java.util.Locale.ROOT))) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Plain decimal text without exponent or trailing zeros beyond the value, e.g. {@code "9.99"} or {@code "-6"}. */
    public String plainAmount() {
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
