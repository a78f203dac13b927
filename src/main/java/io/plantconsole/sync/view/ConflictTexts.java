package io.plantconsole.sync.view;

import io.plantconsole.sync.model.CentralRecord;
import io.plantconsole.sync.model.ConflictComparison;
import io.plantconsole.sync.model.ConflictResolution;
import io.plantconsole.sync.model.FieldDiff;
import io.plantconsole.sync.model.SyncConflict;
import io.plantconsole.ui.dialog.Confirmation;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The conflicts part of the Sync screen in words: table rows, the comparison's title, headers, summary and field
 * rows, the confirmations before a resolution and the outcome after it. Plain functions of the conflict.
 */
public final class ConflictTexts {
    /** Marker shown next to a changed field (never colour alone). */
    public static final String CHANGED_MARKER = "≠ changed";
    public static final String SAME_MARKER = "same";
    /** Shown for a field absent on one side. */
    public static final String ABSENT = "(absent)";
    /** Shown while the centre's side is being read. */
    public static final String LOADING = "…";
    public static final String NOT_AT_CENTRE = "(not at the centre)";
    public static final String ORIGIN_UNKNOWN = "unknown (centre not readable)";

    private ConflictTexts() {
    }

    /** The table row of {@code c}; {@code origin}: the console that wrote the centre's version, in words. */
    static SyncViewModel.ConflictRow row(SyncConflict c, String origin, Instant now, ZoneId zone) {
        return new SyncViewModel.ConflictRow(c.entry().id(), c.entry().recordType(), c.entry().recordId().toString(),
                Long.toString(c.entry().recordVersion()), Long.toString(c.centralVersion()),
                SyncViewModel.localTime(c.detectedAt(), now, zone), origin);
    }

    /** The record a conflict is about: {@code note 0192f0c8-…}. */
    static String record(SyncConflict c) {
        return c.entry().recordType() + " " + c.entry().recordId();
    }

    static String title(SyncConflict c) {
        return record(c) + ": this console's version " + c.entry().recordVersion() + " vs the centre's version "
                + c.centralVersion();
    }

    static String localHeader(SyncConflict c) {
        return "This console (version " + c.entry().recordVersion() + ")";
    }

    static String centralHeader(SyncConflict c) {
        return "Centre (version " + c.centralVersion() + ")";
    }

    static String centralHeader(CentralRecord central) {
        return "Centre (version " + central.version() + ", by " + central.origin() + ")";
    }

    /** The sentence under the comparison's title. */
    static String summary(ConflictComparison cmp, Instant now, ZoneId zone) {
        if (cmp.central().isEmpty()) {
            return "The centre no longer holds this record; only re-applying your change is possible.";
        }
        CentralRecord central = cmp.central().get();
        return cmp.changedCount() + " of " + cmp.fields().size() + " fields differ. The centre's version "
                + central.version() + " was written by " + central.origin() + " at "
                + SyncViewModel.localTime(central.syncedAt(), now, zone) + "; this console's change is version "
                + cmp.conflict().entry().recordVersion() + ".";
    }

    static List<FieldRow> fields(List<FieldDiff> diffs) {
        return diffs.stream().map(f -> new FieldRow(f.key(), f.changed() ? CHANGED_MARKER : SAME_MARKER,
                f.localValue() == null ? ABSENT : f.localValue(),
                f.centralValue() == null ? ABSENT : f.centralValue(), f.changed())).toList();
    }

    /** What the dialog before "Keep central version" says; {@code cv}: the centre's version as last read. */
    static Confirmation takeCentral(SyncConflict c, long cv) {
        return new Confirmation("Keep central version", "Keep the centre's version " + cv + " of " + record(c)
                + "?", "This console's copy is replaced by the centre's version " + cv + " (read again now), and your"
                + " change (version " + c.entry().recordVersion() + ") is dropped from the outbox. The centre is"
                + " not changed. This cannot be undone.", "Yes, keep the centre's version");
    }

    /** What the dialog before "Re-apply my change" says; {@code changed}: fields that differ, or -1 when unknown. */
    static Confirmation reapply(SyncConflict c, long cv, long changed) {
        String overwrites = changed < 0 ? "" : " It overwrites " + changed + " field(s) that differ at the centre.";
        return new Confirmation("Re-apply my change", "Send your change again as version " + (cv + 1) + " of "
                + record(c) + "?", "Your change (version " + c.entry().recordVersion() + ") is queued again as"
                + " version " + (cv + 1) + ", on top of the centre's version " + cv + ", and sent now: the centre then"
                + " holds your values and the other console's edit is replaced." + overwrites,
                "Yes, re-apply my change");
    }

    static String takeCentralTooltip(long cv) {
        return "Reload the centre's version " + cv + " into this console and drop your change";
    }

    static String reapplyTooltip(long cv) {
        return "Send your change again as version " + (cv + 1) + ", on top of the centre's version " + cv;
    }

    /** The outcome of a resolution in words. */
    static String describe(ConflictResolution r) {
        String what = r.entry().recordType() + " " + r.entry().recordId();
        return switch (r.action()) {
            case TAKE_CENTRAL -> "Kept the centre's version " + r.centralVersion() + " of " + what
                    + "; your change (version " + r.entry().recordVersion() + ") was dropped.";
            case REAPPLY -> "Re-applied your change to " + what + " as version " + r.newVersion()
                    + " (over the centre's version " + r.centralVersion() + "); it is being sent now.";
        };
    }
}
