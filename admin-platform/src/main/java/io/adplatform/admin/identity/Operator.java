package io.adplatform.admin.identity;

import java.io.Serializable;
import java.security.Principal;

/**
 * The signed-in operator, as every request sees it. Kept in the session (Redis) or rebuilt from an API token.
 *
 * @param teamAdmin may manage the team's users, project groups, products and every group's members
 * @param via       how this request was authenticated
 */
public record Operator(long userId, long teamId, String email, boolean teamAdmin, Via via) implements Principal, Serializable {

    public enum Via { SESSION, API_TOKEN }

    /** The user id: the name sessions are indexed by, so a disabled user's sessions can be found and ended. */
    @Override
    public String getName() {
        return Long.toString(userId);
    }
}
