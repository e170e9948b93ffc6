package io.adplatform.admin.adcreation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks the operations of the next Graph batch request for one ad account, in plan order: due objects whose parent
 * exists or is created earlier in the same request (then referenced as {@code {result=<key>:$.id}}), at most
 * {@code maxOps}; at most one ad set per campaign (Graph refuses several in one batch); a creative only with room for
 * its ad right after it, so the pair never splits across requests when both are due.
 */
public final class MetaChunker {

    private MetaChunker() {
    }

    /** @param objects all objects of the account, plan order */
    public static List<AdObject> next(List<AdObject> objects, int maxOps, Instant now) {
        Map<String, AdObject> byKey = new HashMap<>();
        Map<String, AdObject> childOf = new HashMap<>();
        for (AdObject o : objects) {
            byKey.put(o.key(), o);
            if (o.kind() == ObjectKind.AD && o.parentKey() != null) {
                childOf.put(o.parentKey(), o);
            }
        }
        List<AdObject> chunk = new ArrayList<>();
        Set<String> inChunk = new HashSet<>();
        Set<String> campaignsWithAdSet = new HashSet<>();
        for (AdObject o : objects) {
            if (chunk.size() >= maxOps) {
                break;
            }
            if (!o.due(now) || !parentReady(o, byKey, inChunk)) {
                continue;
            }
            if (o.kind() == ObjectKind.ADSET && !campaignsWithAdSet.add(o.parentKey())) {
                continue;
            }
            if (o.kind() == ObjectKind.CREATIVE) {
                AdObject ad = childOf.get(o.key());
                if (ad != null && ad.due(now) && chunk.size() + 2 > maxOps) {
                    break;
                }
            }
            chunk.add(o);
            inChunk.add(o.key());
        }
        return chunk;
    }

    static boolean parentReady(AdObject o, Map<String, AdObject> byKey, Set<String> inChunk) {
        if (o.parentKey() == null) {
            return true;
        }
        AdObject p = byKey.get(o.parentKey());
        return p != null && (p.state() == ObjectState.CREATED || inChunk.contains(p.key()));
    }
}
