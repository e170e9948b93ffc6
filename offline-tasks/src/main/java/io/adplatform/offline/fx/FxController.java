package io.adplatform.offline.fx;

import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Daily FX rates for converting media spend to the reporting currency (internal, {@code X-Service-Token}). */
@RestController
@RequestMapping("/internal/v1/fx-rates")
@Tag(name = "fx-rates", description = "Daily FX rates: units of the reporting currency per unit of a currency")
class FxController {

    static final BigDecimal MAX_RATE = new BigDecimal("1000000");

    /** {@code {"rates":{"EUR":1.08,"JPY":0.0066}}}. */
    record RatesBody(Map<String, BigDecimal> rates) {
    }

    /** The rates stored for a day. */
    record DayRates(String day, String reportingCurrency, Map<String, BigDecimal> rates) {
    }

    private final FxRates fx;

    FxController(FxRates fx) {
        this.fx = fx;
    }

    @PutMapping("/{day}")
    @Operation(summary = "Store a day's rates (a currency already stored for the day is replaced)")
    DayRates put(@PathVariable String day, @RequestBody(required = false) RatesBody body) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate d = day(day, errors);
        Map<String, BigDecimal> rates = new TreeMap<>();
        if (body == null || body.rates() == null || body.rates().isEmpty()) {
            errors.add(new FieldError("rates", "required: an object of currency → rate"));
        } else {
            body.rates().forEach((currency, rate) -> {
                String field = "rates." + currency;
                if (!isCurrency(currency)) {
                    errors.add(new FieldError(field, "not an ISO-4217 currency code"));
                } else if (rate == null) {
                    errors.add(new FieldError(field, "required: a number"));
                } else if (rate.signum() <= 0 || rate.compareTo(MAX_RATE) > 0) {
                    errors.add(new FieldError(field, "must be above 0 and at most " + MAX_RATE));
                } else if (currency.equals(fx.reportingCurrency()) && rate.compareTo(BigDecimal.ONE) != 0) {
                    errors.add(new FieldError(field, "the reporting currency's own rate is 1"));
                } else {
                    rates.put(currency, rate);
                }
            });
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        fx.put(d, rates);
        return new DayRates(d.toString(), fx.reportingCurrency(), fx.on(d));
    }

    @GetMapping("/{day}")
    @Operation(summary = "The rates stored for exactly this day (empty when none; conversion may use an earlier day's)")
    DayRates get(@PathVariable String day) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate d = day(day, errors);
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        return new DayRates(d.toString(), fx.reportingCurrency(), fx.on(d));
    }

    private static LocalDate day(String text, List<FieldError> errors) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("day", "must be a date YYYY-MM-DD"));
            return null;
        }
    }

    static boolean isCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
