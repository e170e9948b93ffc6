package io.adplatform.bidder.campaign;

/** Told of every new catalog version, on the feed's thread, after it is in place (budgets track the campaign set). */
@FunctionalInterface
public interface CatalogListener {

    void catalogChanged(CampaignCatalog catalog);
}
