package io.inkwell.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwell.imports.ImportDtos.ImportReport;
import io.inkwell.imports.ImportDtos.Totals;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The import's line in the activity log, as an admin reads it there. */
class ImportReportTest {

    private static final Totals TOTALS = new Totals(3, 1, 1, 0, 1, 0, 0, 2);

    @Test
    void anImportWithoutASourceSaysNothingOfOne() {
        assertEquals("atomic import (not applied): 3 files, 1 created, 1 updated, 0 unchanged, 1 failed, 0 skipped, "
                + "0 pruned, 2 warnings", new ImportReport(null, "atomic", false, false, TOTALS, List.of(), List.of())
                .activitySummary());
    }

    @Test
    void anImportFromASourceNamesIt() {
        assertEquals("lenient import of git@example.com:blog (dry run): 3 files, 1 created, 1 updated, 0 unchanged, "
                + "1 failed, 0 skipped, 0 pruned, 2 warnings",
                new ImportReport("git@example.com:blog", "lenient", true, false, TOTALS, List.of(), List.of())
                        .activitySummary());
    }
}
