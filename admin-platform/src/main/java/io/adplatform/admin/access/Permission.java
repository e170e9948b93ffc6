package io.adplatform.admin.access;

import java.util.EnumSet;
import java.util.Set;

/** What a user may do on one product; stored as a bit set ({@link #bit()}) in {@code product_access.permissions}. */
public enum Permission {
    VIEW_PRODUCT,
    VIEW_REPORTS,
    MANAGE_ONBOARDING,
    MANAGE_AD_ACCOUNTS,
    USE_AD_ACCOUNTS,
    CREATE_ADS,
    MANAGE_CAMPAIGNS,
    MANAGE_CREATIVES,
    MANAGE_DSP,
    MANAGE_DPLINK,
    MANAGE_MEMBERS;

    public long bit() {
        return 1L << ordinal();
    }

    public static long mask(Set<Permission> permissions) {
        long m = 0;
        for (Permission p : permissions) {
            m |= p.bit();
        }
        return m;
    }

    public static Set<Permission> of(long mask) {
        EnumSet<Permission> out = EnumSet.noneOf(Permission.class);
        for (Permission p : values()) {
            if ((mask & p.bit()) != 0) {
                out.add(p);
            }
        }
        return out;
    }
}
