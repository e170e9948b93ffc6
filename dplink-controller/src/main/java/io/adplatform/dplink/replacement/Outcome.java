package io.adplatform.dplink.replacement;

/** What handling one task did. */
public enum Outcome {
    SWAPPED,
    RENEWED,
    STARTED,
    PAUSED,
    EXHAUSTED,
    /** A link an operator retired was taken out of rotation (it was not serving: nothing to tell the DSP). */
    RETIRED,
    /** The ad had moved past the task's generation (a duplicate, or another worker was first): nothing done. */
    STALE,
    /** The ad is already as the operator wants it. */
    NOTHING_TO_DO,
    /** Left parked: its next attempt is not due yet. */
    PARKED
}
