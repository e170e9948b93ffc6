package io.adplatform.admin.access;

import static io.adplatform.admin.access.Permission.CREATE_ADS;
import static io.adplatform.admin.access.Permission.MANAGE_CAMPAIGNS;
import static io.adplatform.admin.access.Permission.MANAGE_CREATIVES;
import static io.adplatform.admin.access.Permission.MANAGE_DPLINK;
import static io.adplatform.admin.access.Permission.MANAGE_DSP;
import static io.adplatform.admin.access.Permission.USE_AD_ACCOUNTS;
import static io.adplatform.admin.access.Permission.VIEW_PRODUCT;
import static io.adplatform.admin.access.Permission.VIEW_REPORTS;

import java.util.EnumSet;
import java.util.Set;

/** A role a user holds in a project group: a fixed set of fine-grained permissions on the products it covers. */
public enum Role {
    /** Everything, including members and ad accounts of the group. */
    GROUP_ADMIN(EnumSet.allOf(Permission.class)),
    /** Runs campaigns: creates ads with the group's ad accounts, creatives, DSP campaigns, DP-link pools. */
    BUYER(EnumSet.of(VIEW_PRODUCT, VIEW_REPORTS, USE_AD_ACCOUNTS, CREATE_ADS, MANAGE_CAMPAIGNS, MANAGE_CREATIVES,
            MANAGE_DSP, MANAGE_DPLINK)),
    /** Reads products and reports. */
    ANALYST(EnumSet.of(VIEW_PRODUCT, VIEW_REPORTS)),
    /** Sees that the products exist and their settings, no reports. */
    VIEWER(EnumSet.of(VIEW_PRODUCT));

    private final Set<Permission> permissions;
    private final long mask;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
        this.mask = Permission.mask(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public long mask() {
        return mask;
    }
}
