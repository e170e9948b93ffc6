package io.adplatform.admin.adcreation;

import io.adplatform.admin.access.Permission;
import io.adplatform.admin.access.ProductAccess;
import io.adplatform.admin.adaccounts.AdAccount;
import io.adplatform.admin.adaccounts.AdAccounts;
import io.adplatform.admin.adaccounts.Media;
import io.adplatform.admin.audit.AuditLog;
import io.adplatform.admin.creatives.CopyLimits;
import io.adplatform.admin.creatives.CreativeLibrary;
import io.adplatform.admin.creatives.Library;
import io.adplatform.admin.identity.Operator;
import io.adplatform.admin.products.Product;
import io.adplatform.admin.products.Products;
import io.adplatform.web.ApiProblem;
import io.adplatform.web.FieldError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.annotation.Transactional;

/**
 * Batch ad creation: a request (ad accounts × template × audiences × copies × assets) is checked and expanded into its
 * plan ({@link BatchPlanner}); the plan is shown, or stored with a copy of its inputs and submitted to the
 * {@link BatchRunner}. Planning and creating need CREATE_ADS and USE_AD_ACCOUNTS; reading a batch VIEW_REPORTS.
 */
@Service
public class AdBatches {

    /** The largest batch taken at once (ads). */
    public static final int MAX_ADS = 2000;

    private final ProductAccess access;
    private final AdAccounts accounts;
    private final CreativeLibrary library;
    private final Products products;
    private final AdBatchRecords records;
    private final AdObjects objects;
    private final BatchRunner runner;
    private final AuditLog audit;

    public AdBatches(ProductAccess access, AdAccounts accounts, CreativeLibrary library, Products products,
                     AdBatchRecords records, AdObjects objects, BatchRunner runner, AuditLog audit) {
        this.access = access;
        this.accounts = accounts;
        this.library = library;
        this.products = products;
        this.records = records;
        this.objects = objects;
        this.runner = runner;
        this.audit = audit;
    }

    /** What a buyer asks for. */
    public record Request(List<Long> accountIds, Long templateId, List<Long> audienceIds, List<Long> copyIds,
                          List<Long> assetIds) {
    }

    public record PlannedAd(String key, String name, long copyId, long assetId) {
    }

    public record PlannedAdSet(String key, String name, long audienceId, List<PlannedAd> ads) {
    }

    public record PlannedCampaign(String key, String name, long adAccountId, String mediaAccountId,
                                  List<PlannedAdSet> adSets) {
    }

    /** The plan as shown: counts and the tree; names end with the marker of the batch-to-be. */
    public record PlanView(Media media, int campaigns, int adSets, int creatives, int ads,
                           List<PlannedCampaign> structure) {
    }

    public record ObjectView(long id, String key, ObjectKind kind, String parentKey, long adAccountId, String name,
                             ObjectState state, String mediaId, String mediaStatus, int attempts, String error,
                             Instant updatedAt) {
    }

    public record BatchView(long id, String appId, Media media, String status, int adCount,
                            Map<ObjectKind, Map<ObjectState, Integer>> counts, Instant createdAt, Instant finishedAt,
                            List<ObjectView> ads, List<ObjectView> others) {
    }

    private record Checked(BatchSpec spec, List<PlannedObject> plan, Map<Long, AdAccount> accounts) {
    }

    public PlanView plan(Operator op, String appId, Request body) {
        requireCreate(op, appId);
        Checked c = check(appId, body);
        return view(c, null);
    }

    @Transactional
    public BatchView create(Operator op, String appId, Request body) {
        requireCreate(op, appId);
        Checked c = check(appId, body);
        int ads = (int) BatchPlanner.count(c.plan(), ObjectKind.AD);
        long id = records.insert(c.spec(), ads, op.userId());
        objects.insertAll(id, appId, c.spec().media(), c.plan());
        audit.record(op, "ad-batch.created", "ad-batch", Long.toString(id), appId,
                Map.of("media", c.spec().media().name(), "ads", ads, "accountIds", c.spec().accountIds(),
                        "templateId", c.spec().template().id()));
        afterCommit(() -> runner.submit(id));
        return view(appId, id);
    }

    public BatchView get(Operator op, String appId, long id) {
        access.require(op, appId, Permission.VIEW_REPORTS);
        return view(appId, id);
    }

    public List<AdBatch> list(Operator op, String appId) {
        access.require(op, appId, Permission.VIEW_REPORTS);
        return records.list(appId, 200);
    }

    /** Failed objects (and the ads under them) are tried again; created ones are never sent again. */
    @Transactional
    public BatchView retry(Operator op, String appId, long id) {
        requireCreate(op, appId);
        AdBatch b = records.findForUpdate(appId, id).orElseThrow(() -> notFound(id));
        if ("RUNNING".equals(b.status())) {
            throw ApiProblem.conflict("batch " + id + " is still running: retry once it is PARTIAL");
        }
        int n = objects.retryFailed(id);
        if (n == 0) {
            throw ApiProblem.conflict("batch " + id + " has no failed objects");
        }
        records.status(id, "RUNNING", false);
        audit.record(op, "ad-batch.retried", "ad-batch", Long.toString(id), appId, Map.of("objects", n));
        afterCommit(() -> runner.submit(id));
        return view(appId, id);
    }

    private void requireCreate(Operator op, String appId) {
        access.require(op, appId, Permission.CREATE_ADS);
        access.require(op, appId, Permission.USE_AD_ACCOUNTS);
    }

    private Checked check(String appId, Request body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null) {
            throw ApiProblem.invalid(List.of(new FieldError("body", "is required")));
        }
        Library.Template template = null;
        if (body.templateId() == null) {
            errors.add(new FieldError("templateId", "is required"));
        } else {
            template = library.template(appId, body.templateId()).orElse(null);
            if (template == null) {
                errors.add(new FieldError("templateId", "no template " + body.templateId() + " in this product"));
            }
        }
        Media media = template == null ? null : template.media();
        Map<Long, AdAccount> accountsById = new LinkedHashMap<>();
        List<Long> accountIds = ids(errors, "accountIds", body.accountIds());
        for (int i = 0; i < accountIds.size(); i++) {
            Optional<AdAccount> a = accounts.find(appId, accountIds.get(i));
            String f = "accountIds[" + i + "]";
            if (a.isEmpty()) {
                errors.add(new FieldError(f, "no ad account " + accountIds.get(i) + " in this product"));
            } else if (!a.get().connected()) {
                errors.add(new FieldError(f, "ad account " + accountIds.get(i) + " is disconnected"));
            } else if (media != null && a.get().media() != media) {
                errors.add(new FieldError(f, "is a " + a.get().media() + " account; the template is for " + media));
            } else {
                accountsById.put(accountIds.get(i), a.get());
            }
        }
        List<Library.Audience> audiences = new ArrayList<>();
        List<Long> audienceIds = ids(errors, "audienceIds", body.audienceIds());
        for (int i = 0; i < audienceIds.size(); i++) {
            Optional<Library.Audience> a = library.audience(appId, audienceIds.get(i));
            String f = "audienceIds[" + i + "]";
            if (a.isEmpty()) {
                errors.add(new FieldError(f, "no audience " + audienceIds.get(i) + " in this product"));
            } else if (media == Media.META && a.get().spec().countries().isEmpty()) {
                errors.add(new FieldError(f, "names no countries: Meta targets countries"));
            } else if (media == Media.TIKTOK && a.get().spec().locationIds().isEmpty()) {
                errors.add(new FieldError(f, "names no locationIds: TikTok targets its location ids"));
            } else {
                audiences.add(a.get());
            }
        }
        List<Library.AdCopy> copies = new ArrayList<>();
        List<Long> copyIds = ids(errors, "copyIds", body.copyIds());
        for (int i = 0; i < copyIds.size(); i++) {
            Optional<Library.AdCopy> c = library.copy(appId, copyIds.get(i));
            String f = "copyIds[" + i + "]";
            if (c.isEmpty()) {
                errors.add(new FieldError(f, "no ad copy " + copyIds.get(i) + " in this product"));
            } else if (media != null && CopyLimits.problem(media, c.get()) != null) {
                errors.add(new FieldError(f, CopyLimits.problem(media, c.get())));
            } else {
                copies.add(c.get());
            }
        }
        List<Library.Asset> assets = new ArrayList<>();
        List<Long> assetIds = ids(errors, "assetIds", body.assetIds());
        for (int i = 0; i < assetIds.size(); i++) {
            Optional<Library.Asset> a = library.asset(appId, assetIds.get(i));
            String f = "assetIds[" + i + "]";
            if (a.isEmpty()) {
                errors.add(new FieldError(f, "no asset " + assetIds.get(i) + " in this product"));
            } else if (!"IMAGE".equals(a.get().kind())) {
                errors.add(new FieldError(f, "is a video: sending videos to the media (act_/advideos, "
                        + "file/video/ad/upload/) is not supported yet"));
            } else {
                assets.add(a.get());
            }
        }
        Product product = products.find(appId).orElseThrow(() -> ProductAccess.notFound(appId));
        String link = template == null ? null : template.settings().objectStoreUrl() != null
                ? template.settings().objectStoreUrl() : product.storeUrl();
        if (template != null && (link == null || link.isBlank())) {
            errors.add(new FieldError("templateId", "neither the template (settings.objectStoreUrl) nor the product has "
                    + "a store URL for the ads to lead to"));
        }
        long ads = (long) accountIds.size() * audienceIds.size() * copyIds.size() * assetIds.size();
        if (ads > MAX_ADS) {
            errors.add(new FieldError("assetIds", "the request makes " + ads + " ads; at most " + MAX_ADS
                    + " per batch"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalid(errors);
        }
        List<String> urls = assets.stream().map(library::publicUrl).toList();
        BatchSpec spec = new BatchSpec(appId, media, accountIds, template, audiences, copies, assets, urls, link);
        BatchPlanner.Input in = new BatchPlanner.Input(media, template.name(),
                accountsById.values().stream().map(a -> new BatchPlanner.Account(a.id(), a.accountId(), a.name()))
                        .toList(),
                audiences.stream().map(a -> new BatchPlanner.Item(a.id(), a.name())).toList(),
                copies.stream().map(a -> new BatchPlanner.Item(a.id(), a.name())).toList(),
                assets.stream().map(a -> new BatchPlanner.Item(a.id(), a.name())).toList());
        return new Checked(spec, BatchPlanner.plan(in), accountsById);
    }

    /** Ids: required, not empty, no repeats. */
    private static List<Long> ids(List<FieldError> errors, String field, List<Long> ids) {
        if (ids == null || ids.isEmpty()) {
            errors.add(new FieldError(field, "name at least one"));
            return List.of();
        }
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) == null || !seen.add(ids.get(i))) {
                errors.add(new FieldError(field + "[" + i + "]", ids.get(i) == null ? "is null" : "is repeated"));
            }
        }
        return ids.stream().filter(java.util.Objects::nonNull).distinct().toList();
    }

    private PlanView view(Checked c, Long batchId) {
        List<PlannedCampaign> campaigns = new ArrayList<>();
        Map<String, List<PlannedAdSet>> adSets = new LinkedHashMap<>();
        Map<String, List<PlannedAd>> ads = new LinkedHashMap<>();
        Map<String, String> adSetOfCreative = new LinkedHashMap<>();
        String batch = batchId == null ? "<batch>" : batchId.toString();
        for (PlannedObject o : c.plan()) {
            String name = o.label() + " [adp:" + batch + ":" + o.key() + "]";
            switch (o.kind()) {
                case CAMPAIGN -> {
                    AdAccount a = c.accounts().get(o.accountRef());
                    List<PlannedAdSet> sets = new ArrayList<>();
                    adSets.put(o.key(), sets);
                    campaigns.add(new PlannedCampaign(o.key(), name, a.id(), a.accountId(), sets));
                }
                case ADSET -> {
                    List<PlannedAd> list = new ArrayList<>();
                    ads.put(o.key(), list);
                    adSets.get(o.parentKey()).add(new PlannedAdSet(o.key(), name, o.audienceId(), list));
                }
                case CREATIVE -> adSetOfCreative.put(o.key(), o.parentKey());
                case AD -> {
                    String adSet = adSetOfCreative.getOrDefault(o.parentKey(), o.parentKey());
                    ads.get(adSet).add(new PlannedAd(o.key(), name, o.copyId(), o.assetId()));
                }
            }
        }
        return new PlanView(c.spec().media(), (int) BatchPlanner.count(c.plan(), ObjectKind.CAMPAIGN),
                (int) BatchPlanner.count(c.plan(), ObjectKind.ADSET),
                (int) BatchPlanner.count(c.plan(), ObjectKind.CREATIVE),
                (int) BatchPlanner.count(c.plan(), ObjectKind.AD), campaigns);
    }

    private BatchView view(String appId, long id) {
        AdBatch b = records.find(appId, id).orElseThrow(() -> notFound(id));
        List<AdObject> all = objects.ofBatch(id);
        Map<ObjectKind, Map<ObjectState, Integer>> counts = new EnumMap<>(ObjectKind.class);
        List<ObjectView> ads = new ArrayList<>();
        List<ObjectView> others = new ArrayList<>();
        for (AdObject o : all) {
            counts.computeIfAbsent(o.kind(), k -> new EnumMap<>(ObjectState.class)).merge(o.state(), 1, Integer::sum);
            ObjectView v = new ObjectView(o.id(), o.key(), o.kind(), o.parentKey(), o.accountRef(), o.name(), o.state(),
                    o.mediaId(), o.mediaStatus(), o.attempts(), o.error(), o.updatedAt());
            (o.kind() == ObjectKind.AD ? ads : others).add(v);
        }
        return new BatchView(b.id(), b.appId(), b.media(), b.status(), b.adCount(), counts, b.createdAt(),
                b.finishedAt(), ads, others);
    }

    private static void afterCommit(Runnable r) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    r.run();
                }
            });
        } else {
            r.run();
        }
    }

    static ApiProblem notFound(long id) {
        return ApiProblem.notFound("no ad batch " + id + " in this product");
    }
}
