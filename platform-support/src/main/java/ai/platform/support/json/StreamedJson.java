package ai.platform.support.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes a large answer with Jackson's streaming generator straight into the buffer the HTTP layer sends, instead
 * of the object mapping: for answers of thousands of elements (a batch of online features, a lineage subgraph) the
 * mapping's per-object work, a network flush after every 8 KB and copies of the finished bytes were their largest
 * costs (bench/). The buffer is sized for the whole answer up front, so it is not copied while it grows.
 */
public final class StreamedJson {

    /** What is written: the whole document. */
    @FunctionalInterface
    public interface Document {
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * Small answers still get a buffer worth having: a one-entity online read of ten features (1.2-1.5 KB) outgrew
     * 1 KB and was copied into a new buffer on every request (5% of its allocation, profiled).
     */
    private static final int MIN_INITIAL_BYTES = 2048;
    /** Estimates are capped: an answer much smaller than estimated must not reserve tens of MB up front. */
    private static final int MAX_INITIAL_BYTES = 4 * 1024 * 1024;

    private StreamedJson() {
    }

    /** The document written by {@code mapper}'s generator (its settings apply) into a buffer of about that size. */
    public static Buffer write(ObjectMapper mapper, long estimatedBytes, Document document) {
        ByteBuf bytes = Unpooled.buffer((int) Math.max(MIN_INITIAL_BYTES, Math.min(MAX_INITIAL_BYTES, estimatedBytes)));
        try (JsonGenerator json = mapper.createGenerator((OutputStream) new ByteBufOutputStream(bytes))) {
            document.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing JSON to memory cannot fail", e);
        }
        return Buffer.buffer(bytes);
    }
}
