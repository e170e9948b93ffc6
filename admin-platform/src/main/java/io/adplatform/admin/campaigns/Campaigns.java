package io.adplatform.admin.campaigns;

import io.adplatform.admin.access.Permission;
import io.adplatform.admin.access.ProductAccess;
import io.adplatform.admin.adaccounts.Media;
import io.adplatform.admin.adcreation.AdObject;
import io.adplatform.admin.adcreation.AdObjects;
import io.adplatform.admin.adcreation.BatchRunner;
import io.adplatform.admin.adcreation.ObjectKind;
import io.adplatform.admin.audit.AuditLog;
import io.adplatform.admin.identity.Operator;
import io.adplatform.web.ApiProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The campaigns, ad sets and ads batches created, with their media ids and the status last set; pausing and resuming
 * goes through the media's API first and is recorded only once the media took it. Reading needs VIEW_REPORTS,
 * changing MANAGE_CAMPAIGNS.
 */
@Service
public class Campaigns {

    private static final int LIMIT = 1000;

    private final ProductAccess access;
    private final AdObjects objects;
    private final BatchRunner runner;
    private final AuditLog audit;

    public Campaigns(ProductAccess access, AdObjects objects, BatchRunner runner, AuditLog audit) {
        this.access = access;
        this.objects = objects;
        this.runner = runner;
        this.audit = audit;
    }

    public record Item(long id, long batchId, Media media, ObjectKind kind, long adAccountId, String name,
                       String mediaId, String status, Instant updatedAt) {
    }

    public record AdSetTree(Item adSet, List<Item> ads) {
    }

    public record CampaignTree(Item campaign, List<AdSetTree> adSets) {
    }

    public List<Item> list(Operator op, String appId, ObjectKind kind, Long batchId) {
        access.require(op, appId, Permission.VIEW_REPORTS);
        return objects.created(appId, kind, null, batchId, LIMIT).stream().map(Campaigns::item).toList();
    }

    public CampaignTree campaign(Operator op, String appId, long id) {
        access.require(op, appId, Permission.VIEW_REPORTS);
        AdObject c = find(appId, ObjectKind.CAMPAIGN, id);
        List<AdSetTree> sets = new ArrayList<>();
        for (AdObject s : oldestFirst(objects.created(appId, ObjectKind.ADSET, c.key(), c.batchId(), LIMIT))) {
            List<Item> ads = new ArrayList<>();
            // Meta ads hang under their creative, TikTok ads under the ad set.
            for (AdObject k : oldestFirst(objects.created(appId, ObjectKind.CREATIVE, s.key(), c.batchId(), LIMIT))) {
                objects.created(appId, ObjectKind.AD, k.key(), c.batchId(), 1).forEach(a -> ads.add(item(a)));
            }
            oldestFirst(objects.created(appId, ObjectKind.AD, s.key(), c.batchId(), LIMIT))
                    .forEach(a -> ads.add(item(a)));
            sets.add(new AdSetTree(item(s), ads));
        }
        return new CampaignTree(item(c), sets);
    }

    public Item setStatus(Operator op, String appId, ObjectKind kind, long id, boolean active) {
        access.require(op, appId, Permission.MANAGE_CAMPAIGNS);
        AdObject o = find(appId, kind, id);
        String word = runner.setMediaStatus(o, active);
        audit.record(op, kind.name().toLowerCase(Locale.ROOT) + (active ? ".resumed" : ".paused"),
                kind.name().toLowerCase(Locale.ROOT), Long.toString(id), appId,
                Map.of("media", o.media().name(), "mediaId", o.mediaId(), "status", word));
        return item(find(appId, kind, id));
    }

    private AdObject find(String appId, ObjectKind kind, long id) {
        AdObject o = objects.find(appId, kind, id).orElse(null);
        if (o == null || o.mediaId() == null) {
            throw ApiProblem.notFound("no created " + kind.name().toLowerCase(Locale.ROOT) + " " + id
                    + " in this product");
        }
        return o;
    }

    private static List<AdObject> oldestFirst(List<AdObject> newestFirst) {
        List<AdObject> out = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(out);
        return out;
    }

    private static Item item(AdObject o) {
        return new Item(o.id(), o.batchId(), o.media(), o.kind(), o.accountRef(), o.name(), o.mediaId(),
                o.mediaStatus(), o.updatedAt());
    }
}
