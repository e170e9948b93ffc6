package io.adplatform.fakes;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.Predicate;

/** Failures scripted for the next matching create calls of a Marketing fake, taken in the order they were added. */
final class CreateFailures {

    private record Entry(Predicate<CreateCall> when, CreateFailure failure) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>();

    synchronized void add(int times, Predicate<CreateCall> when, CreateFailure failure) {
        if (times < 0 || when == null || failure == null) {
            throw new IllegalArgumentException("times >= 0, a predicate and a failure are required");
        }
        for (int i = 0; i < times; i++) {
            entries.addLast(new Entry(when, failure));
        }
    }

    /** The failure scripted for this call (used up), or null to create normally. */
    synchronized CreateFailure take(CreateCall call) {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (e.when().test(call)) {
                it.remove();
                return e.failure();
            }
        }
        return null;
    }

    synchronized int pending() {
        return entries.size();
    }

    synchronized void clear() {
        entries.clear();
    }
}
