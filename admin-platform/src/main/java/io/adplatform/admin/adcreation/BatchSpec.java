package io.adplatform.admin.adcreation;

import io.adplatform.admin.adaccounts.Media;
import io.adplatform.admin.creatives.Library;
import java.util.List;

/**
 * What a batch was made from, copied into the batch when it is stored: the runner works from this copy, so editing or
 * deleting library items later changes nothing in a batch under way.
 *
 * @param link     where the ads lead (the template's store URL, else the product's)
 * @param assetUrls the URL each asset is fetched from by the media, in the order of {@code assets}
 */
public record BatchSpec(String appId, Media media, List<Long> accountIds, Library.Template template,
                        List<Library.Audience> audiences, List<Library.AdCopy> copies, List<Library.Asset> assets,
                        List<String> assetUrls, String link) {

    public Library.Audience audience(long id) {
        return audiences.stream().filter(a -> a.id() == id).findFirst().orElseThrow();
    }

    public Library.AdCopy copy(long id) {
        return copies.stream().filter(a -> a.id() == id).findFirst().orElseThrow();
    }

    public Library.Asset asset(long id) {
        return assets.stream().filter(a -> a.id() == id).findFirst().orElseThrow();
    }

    public String assetUrl(long id) {
        for (int i = 0; i < assets.size(); i++) {
            if (assets.get(i).id() == id) {
                return assetUrls.get(i);
            }
        }
        throw new IllegalArgumentException("no asset " + id + " in the batch");
    }
}
