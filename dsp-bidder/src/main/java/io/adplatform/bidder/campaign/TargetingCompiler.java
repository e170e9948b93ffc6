package io.adplatform.bidder.campaign;

import io.adplatform.bidder.targeting.Assignment;
import io.adplatform.bidder.targeting.Conjunction;
import io.adplatform.common.dsp.CampaignConfig;
import io.adplatform.common.dsp.CampaignConfig.Targeting;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A campaign's targeting as a DNF of conjunctions over the attributes a {@code RequestProfile} gives a request: one
 * conjunction, or one per inventory kind when the campaign has allow lists of app bundles and site domains (possibly
 * none, when every allowed entry is also blocked).
 */
public final class TargetingCompiler {

    private TargetingCompiler() {
    }

    public static List<Conjunction> compile(CampaignConfig campaign) {
        Targeting t = campaign.targeting() == null ? Targeting.any() : campaign.targeting();
        List<Assignment> common = new ArrayList<>();
        in(common, Attributes.COUNTRY, upper(t.countries()));
        in(common, Attributes.REGION, upper(t.regions()));
        in(common, Attributes.CITY, lower(t.cities()));
        in(common, Attributes.DEVICE_TYPE, strings(t.deviceTypes()));
        in(common, Attributes.OS, lower(t.os()));
        in(common, Attributes.CATEGORY, upper(t.categories()));
        notIn(common, Attributes.CATEGORY_EXCLUDED, upper(t.blockedCategories()));
        in(common, Attributes.SEGMENT, t.segments());
        notIn(common, Attributes.SEGMENT_EXCLUDED, t.excludedSegments());
        if (t.hoursOfWeek() != null && !t.hoursOfWeek().isEmpty()) {
            String zone = Attributes.zone(t.timezone());
            common.add(new Assignment(Attributes.HOUR_OF_WEEK, true,
                    t.hoursOfWeek().stream().map(h -> zone + ':' + h).collect(Collectors.toSet())));
        }
        in(common, Attributes.SLOT, slots(campaign.creatives()));

        // One attribute per conjunction (the index's rule). A request has one bundle or one domain, so an allow list
        // less its blocked entries says both; with no allow list at all, the block lists stand as ∉ assignments.
        Set<String> bundles = lower(t.bundles());
        Set<String> domains = lower(t.domains());
        Set<String> inventory = lower(t.inventory());
        if (bundles.isEmpty() && domains.isEmpty()) {
            List<Assignment> all = new ArrayList<>(common);
            notIn(all, Attributes.BUNDLE, lower(t.blockedBundles()));
            notIn(all, Attributes.DOMAIN, lower(t.blockedDomains()));
            in(all, Attributes.INVENTORY, inventory);
            return List.of(new Conjunction(all));
        }
        // With allow lists, only the inventory they name can match (an app request has no domain, a site no bundle).
        List<Conjunction> dnf = new ArrayList<>(2);
        Set<String> apps = minus(bundles, lower(t.blockedBundles()));
        if (!apps.isEmpty() && (inventory.isEmpty() || inventory.contains(Attributes.APP))) {
            dnf.add(with(common, new Assignment(Attributes.BUNDLE, true, apps)));
        }
        Set<String> sites = minus(domains, lower(t.blockedDomains()));
        if (!sites.isEmpty() && (inventory.isEmpty() || inventory.contains(Attributes.SITE))) {
            dnf.add(with(common, new Assignment(Attributes.DOMAIN, true, sites)));
        }
        return dnf;
    }

    /** The slot values a campaign's creatives can fill: {@code BANNER_320x50}, {@code VIDEO}, {@code NATIVE}. */
    static Set<String> slots(Collection<CampaignConfig.Creative> creatives) {
        Set<String> slots = new LinkedHashSet<>();
        for (CampaignConfig.Creative c : creatives) {
            slots.add(Attributes.slot(c.format(), c.w(), c.h()));
        }
        return slots;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> r = new LinkedHashSet<>(a);
        r.removeAll(b);
        return r;
    }

    private static Conjunction with(List<Assignment> common, Assignment extra) {
        List<Assignment> all = new ArrayList<>(common);
        all.add(extra);
        return new Conjunction(all);
    }

    private static void in(List<Assignment> out, String attribute, Set<String> values) {
        if (values != null && !values.isEmpty()) {
            out.add(new Assignment(attribute, true, values));
        }
    }

    private static void notIn(List<Assignment> out, String attribute, Set<String> values) {
        if (values != null && !values.isEmpty()) {
            out.add(new Assignment(attribute, false, values));
        }
    }

    private static Set<String> upper(Set<String> values) {
        return values == null ? Set.of() : values.stream().map(Attributes::upper).collect(Collectors.toSet());
    }

    private static Set<String> lower(Set<String> values) {
        return values == null ? Set.of() : values.stream().map(Attributes::lower).collect(Collectors.toSet());
    }

    private static Set<String> strings(Set<Integer> values) {
        return values == null ? Set.of() : values.stream().map(String::valueOf).collect(Collectors.toSet());
    }
}
