package io.adplatform.admin.adcreation;

import io.adplatform.admin.adaccounts.Media;
import java.util.ArrayList;
import java.util.List;

/**
 * Every combination of a batch request: per ad account one campaign, in it one ad set per audience, in each ad set
 * one ad per copy × asset (3 accounts × 2 audiences × 4 copies × 5 assets = 3 campaigns, 6 ad sets, 120 ads). On Meta
 * each ad gets its own account-level creative (copy + asset), created just before the ad; TikTok carries the
 * creative inside the ad. Objects come parents first, each ad right after its creative.
 */
public final class BatchPlanner {

    public record Account(long ref, String accountId, String name) {
    }

    public record Item(long id, String name) {
    }

    public record Input(Media media, String templateName, List<Account> accounts, List<Item> audiences,
                        List<Item> copies, List<Item> assets) {
    }

    private BatchPlanner() {
    }

    public static List<PlannedObject> plan(Input in) {
        List<PlannedObject> out = new ArrayList<>();
        for (Account a : in.accounts()) {
            String campaign = "a" + a.ref();
            out.add(new PlannedObject(campaign, ObjectKind.CAMPAIGN, null, a.ref(), null, null, null,
                    in.templateName() + " · " + a.name()));
            for (Item u : in.audiences()) {
                String adset = campaign + "-u" + u.id();
                out.add(new PlannedObject(adset, ObjectKind.ADSET, campaign, a.ref(), u.id(), null, null,
                        in.templateName() + " · " + u.name()));
                for (Item c : in.copies()) {
                    for (Item x : in.assets()) {
                        String ad = adset + "-c" + c.id() + "-x" + x.id();
                        String label = c.name() + " × " + x.name();
                        String parent = adset;
                        if (in.media() == Media.META) {
                            parent = ad + "-k";
                            out.add(new PlannedObject(parent, ObjectKind.CREATIVE, adset, a.ref(), u.id(), c.id(),
                                    x.id(), label + " (creative)"));
                        }
                        out.add(new PlannedObject(ad, ObjectKind.AD, parent, a.ref(), u.id(), c.id(), x.id(), label));
                    }
                }
            }
        }
        return out;
    }

    public static long count(List<PlannedObject> plan, ObjectKind kind) {
        return plan.stream().filter(o -> o.kind() == kind).count();
    }
}
