package io.adplatform.offline.reports;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What a media reports for one ad on one of the account's days; {@code spend} in the account's currency. */
public record AdDayReport(LocalDate day, String campaignId, String campaignName, String adsetId, String adsetName,
                          String adId, String adName, BigDecimal spend, long impressions, long clicks, long installs,
                          long conversions) {
}
