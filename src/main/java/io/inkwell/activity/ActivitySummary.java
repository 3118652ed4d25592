package io.inkwell.activity;

/** An answer that can say in a line what a write did (an import's totals), for the activity log. */
public interface ActivitySummary {
    String activitySummary();
}
