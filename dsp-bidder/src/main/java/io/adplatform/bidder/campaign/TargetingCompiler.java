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
 * A campaign's targeting as a DNF of conjunctions over the attributes {@link RequestAttributes} gives a request. One
 * conjunction, except when a campaign allows both a list of app bundles and a list of site domains: then one per
 * inventory kind (an app request has no domain to match, a site request no bundle).
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
        notIn(common, Attributes.BUNDLE, lower(t.blockedBundles()));
        notIn(common, Attributes.DOMAIN, lower(t.blockedDomains()));
        in(common, Attributes.CATEGORY, upper(t.categories()));
        notIn(common, Attributes.CATEGORY, upper(t.blockedCategories()));
        in(common, Attributes.SEGMENT, t.segments());
        notIn(common, Attributes.SEGMENT, t.excludedSegments());
        if (t.hoursOfWeek() != null && !t.hoursOfWeek().isEmpty()) {
            String zone = Attributes.zone(t.timezone());
            common.add(new Assignment(Attributes.HOUR_OF_WEEK, true,
                    t.hoursOfWeek().stream().map(h -> zone + ':' + h).collect(Collectors.toSet())));
        }
        in(common, Attributes.SLOT, slots(campaign.creatives()));

        Set<String> bundles = lower(t.bundles());
        Set<String> domains = lower(t.domains());
        Set<String> inventory = lower(t.inventory());
        List<Conjunction> dnf = new ArrayList<>();
        if (!bundles.isEmpty() && !domains.isEmpty()) {
            if (inventory.isEmpty() || inventory.contains(Attributes.APP)) {
                dnf.add(with(common, new Assignment(Attributes.BUNDLE, true, bundles)));
            }
            if (inventory.isEmpty() || inventory.contains(Attributes.SITE)) {
                dnf.add(with(common, new Assignment(Attributes.DOMAIN, true, domains)));
            }
            return dnf;
        }
        List<Assignment> all = new ArrayList<>(common);
        in(all, Attributes.BUNDLE, bundles);
        in(all, Attributes.DOMAIN, domains);
        in(all, Attributes.INVENTORY, inventory);
        dnf.add(new Conjunction(all));
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
