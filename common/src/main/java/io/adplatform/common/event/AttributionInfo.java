package io.adplatform.common.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Where the user came from, as the SDK or the attribution provider told us. All fields optional. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttributionInfo(String mediaSource, String campaign, String adSet, String ad, String clickId) {

    public static final AttributionInfo ORGANIC = new AttributionInfo("organic", null, null, null, null);

    @JsonIgnore
    public boolean isOrganic() {
        return mediaSource == null || "organic".equalsIgnoreCase(mediaSource);
    }
}
