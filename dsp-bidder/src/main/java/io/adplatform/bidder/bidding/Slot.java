package io.adplatform.bidder.bidding;

import io.adplatform.bidder.campaign.Attributes;
import io.adplatform.bidder.openrtb.BidRequest;
import io.adplatform.common.dsp.CampaignConfig.Creative;
import io.adplatform.common.dsp.CampaignConfig.Format;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one impression can take and whether a creative fits it: banner sizes, video MIME types and duration, the
 * native assets it requires, and the attributes ({@code battr}) it blocks.
 */
public record Slot(BidRequest.Imp imp, Set<String> values, NativeSpec nativeSpec) {

    public static Slot of(BidRequest.Imp imp) {
        Set<String> values = new HashSet<>(4);
        if (imp.banner() != null) {
            BidRequest.Banner b = imp.banner();
            if (b.format() != null) {
                for (BidRequest.Format f : b.format()) {
                    if (f.w() != null && f.h() != null) {
                        values.add(Attributes.bannerSlot(f.w(), f.h()));
                    }
                }
            }
            if (b.w() != null && b.h() != null) {
                values.add(Attributes.bannerSlot(b.w(), b.h()));
            }
        }
        if (imp.video() != null) {
            values.add(Format.VIDEO.name());
        }
        NativeSpec spec = null;
        if (imp.nativeAd() != null) {
            spec = NativeSpec.parse(imp.nativeAd().request());
            if (spec != null) {
                values.add(Format.NATIVE.name());
            }
        }
        return new Slot(imp, Set.copyOf(values), spec);
    }

    /**
     * Whether the creative can serve this impression (format, size, MIME, duration, native assets, battr), given the
     * slot value it fills ({@link Attributes#slot}, precomputed per campaign).
     */
    public boolean fits(Creative c, String slot) {
        if (!values.contains(slot)) {
            return false;
        }
        switch (c.format()) {
            case BANNER -> {
                return !intersects(imp.banner().battr(), c.attributes());
            }
            case VIDEO -> {
                BidRequest.Video v = imp.video();
                if (v.mimes() != null && (c.mimes() == null || !anyIn(c.mimes(), v.mimes()))) {
                    return false;
                }
                if (v.minduration() != null && c.durationSec() < v.minduration()
                        || v.maxduration() != null && c.durationSec() > v.maxduration()) {
                    return false;
                }
                return !intersects(v.battr(), c.attributes());
            }
            case NATIVE -> {
                return nativeSpec.canFill(c) && !intersects(imp.nativeAd().battr(), c.attributes());
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean anyIn(List<String> values, List<String> allowed) {
        for (String v : values) {
            if (allowed.contains(v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean intersects(List<Integer> blocked, List<Integer> attributes) {
        if (blocked == null || attributes == null || blocked.isEmpty()) {
            return false;
        }
        for (Integer a : attributes) {
            if (blocked.contains(a)) {
                return true;
            }
        }
        return false;
    }
}
