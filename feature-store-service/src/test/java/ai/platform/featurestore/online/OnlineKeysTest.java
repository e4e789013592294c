package ai.platform.featurestore.online;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

class OnlineKeysTest {

    @Test
    void aStoredValueIsReadBackInPlaceWithItsTime() {
        for (String json : new String[] {"12.5", "\"caf\u00e9 \u2603\"", "[0.1,0.2,0.3]", "true", "\"a|b\""}) {
            OnlineKeys.StoredValue read = OnlineKeys.parse(Buffer.buffer(OnlineKeys.stored(1_764_000_000_123L, json)));
            assertEquals(1_764_000_000_123L, read.eventTimeMillis());
            assertEquals(json, read.bytes().getString(read.jsonStart(), read.bytes().length(), "UTF-8"));
            assertFalse(read.isNull());
        }
    }

    @Test
    void timesBeforeTheEpochAndNullValuesAreKept() {
        OnlineKeys.StoredValue read = OnlineKeys.parse(Buffer.buffer(OnlineKeys.stored(-86_400_000L, "null")));
        assertEquals(-86_400_000L, read.eventTimeMillis());
        assertTrue(read.isNull());
        assertFalse(OnlineKeys.parse(Buffer.buffer(OnlineKeys.stored(1, "\"null\""))).isNull());
    }

    @Test
    void aFieldNeverWrittenIsNullAndAForeignValueIsRefused() {
        assertNull(OnlineKeys.parse(null));
        assertThrows(IllegalStateException.class, () -> OnlineKeys.parse(Buffer.buffer("12.5")));
        assertThrows(IllegalStateException.class, () -> OnlineKeys.parse(Buffer.buffer("12x|1")));
        assertThrows(IllegalStateException.class, () -> OnlineKeys.parse(Buffer.buffer("")));
        assertThrows(IllegalStateException.class, () -> OnlineKeys.parse(Buffer.buffer("99999999999999999999|1")));
    }
}
