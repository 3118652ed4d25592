package io.inkwell.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.common.db.LogPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Changes are released once the replica has replayed past the position noted with them, in order. */
class ChangesAwaitingReplicaTest {

    @Test
    void logPositionsCompareAsPostgreSQLWritesThem() {
        assertTrue(LogPosition.parse("1/0").reached(LogPosition.parse("0/FFFFFFFF")));
        assertFalse(LogPosition.parse("0/FFFFFFFF").reached(LogPosition.parse("1/0")));
        assertTrue(LogPosition.parse("16/B374D848").reached(LogPosition.parse("16/B374D848")));
        assertTrue(LogPosition.CURRENT.reached(LogPosition.parse("FFFFFFF/FFFFFFFF")));
    }

    @Test
    void onlyWhatTheReplicaReplayedIsReleased() {
        ChangesAwaitingReplica waiting = new ChangesAwaitingReplica();
        waiting.add(LogPosition.parse("0/100"), List.of("post:a", "list:post"));
        waiting.add(LogPosition.parse("0/200"), List.of("post:b", "list:post"));

        assertEquals(List.of(), waiting.takeReplayed(LogPosition.parse("0/FF")).keys());
        ChangesAwaitingReplica.Replayed first = waiting.takeReplayed(LogPosition.parse("0/150"));
        assertEquals(List.of("post:a", "list:post"), first.keys());
        assertFalse(first.everything());
        assertFalse(waiting.isEmpty());
        assertEquals(List.of("post:b", "list:post"), waiting.takeReplayed(LogPosition.CURRENT).keys());
        assertTrue(waiting.isEmpty());
    }

    @Test
    void aReplicaStoppedForLongMarksEverythingOnceItCatchesUp() {
        ChangesAwaitingReplica waiting = new ChangesAwaitingReplica();
        for (int i = 1; i <= 10_001; i++) {
            waiting.add(new LogPosition(i), List.of("post:" + i));
        }
        waiting.add(new LogPosition(20_000), List.of("post:last"));

        assertEquals(new ChangesAwaitingReplica.Replayed(false, List.of()), waiting.takeReplayed(new LogPosition(19_999)));
        assertTrue(waiting.takeReplayed(new LogPosition(20_000)).everything());
        assertTrue(waiting.isEmpty());
    }
}
