package io.adplatform.admin.creatives;

import io.adplatform.web.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Who an ad set reaches.
 *
 * @param countries   ISO 3166 alpha-2 (Meta {@code geo_locations.countries})
 * @param locationIds TikTok {@code location_ids} (TikTok's geo ids; required for TikTok batches)
 * @param ageMin      13..65
 * @param ageMax      13..65
 * @param gender      ALL, MALE, FEMALE
 * @param os          ALL, ANDROID, IOS
 * @param languages   ISO 639-1 codes (TikTok {@code languages}; Meta needs its own locale ids, not mapped)
 */
public record AudienceSpec(List<String> countries, List<String> locationIds, Integer ageMin, Integer ageMax,
                           String gender, String os, List<String> languages) {

    static final Set<String> GENDERS = Set.of("ALL", "MALE", "FEMALE");
    static final Set<String> OS = Set.of("ALL", "ANDROID", "IOS");

    public AudienceSpec {
        countries = countries == null ? List.of() : List.copyOf(countries);
        locationIds = locationIds == null ? List.of() : List.copyOf(locationIds);
        languages = languages == null ? List.of() : List.copyOf(languages);
        gender = gender == null ? "ALL" : gender;
        os = os == null ? "ALL" : os;
    }

    public List<FieldError> check() {
        List<FieldError> e = new ArrayList<>();
        if (countries.isEmpty() && locationIds.isEmpty()) {
            e.add(new FieldError("spec.countries", "name at least one country (or TikTok location id)"));
        }
        for (int i = 0; i < countries.size(); i++) {
            if (countries.get(i) == null || !countries.get(i).matches("^[A-Z]{2}$")) {
                e.add(new FieldError("spec.countries[" + i + "]", "must be an ISO 3166 alpha-2 code, e.g. US"));
            }
        }
        for (int i = 0; i < locationIds.size(); i++) {
            if (locationIds.get(i) == null || !locationIds.get(i).matches("^\\d{1,20}$")) {
                e.add(new FieldError("spec.locationIds[" + i + "]", "must be a TikTok location id (digits)"));
            }
        }
        for (int i = 0; i < languages.size(); i++) {
            if (languages.get(i) == null || !languages.get(i).matches("^[a-z]{2}$")) {
                e.add(new FieldError("spec.languages[" + i + "]", "must be an ISO 639-1 code, e.g. en"));
            }
        }
        if (ageMin != null && (ageMin < 13 || ageMin > 65)) {
            e.add(new FieldError("spec.ageMin", "must be 13..65"));
        }
        if (ageMax != null && (ageMax < 13 || ageMax > 65)) {
            e.add(new FieldError("spec.ageMax", "must be 13..65"));
        }
        if (ageMin != null && ageMax != null && ageMin > ageMax) {
            e.add(new FieldError("spec.ageMax", "must not be below ageMin"));
        }
        if (!GENDERS.contains(gender)) {
            e.add(new FieldError("spec.gender", "must be one of ALL, MALE, FEMALE"));
        }
        if (!OS.contains(os)) {
            e.add(new FieldError("spec.os", "must be one of ALL, ANDROID, IOS"));
        }
        return e;
    }
}
