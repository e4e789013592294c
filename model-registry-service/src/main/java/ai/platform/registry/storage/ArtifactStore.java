package ai.platform.registry.storage;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where version files live. The local-filesystem store (a Kubernetes volume in a cluster) is the one there is;
 * an S3-compatible store implements the same operations.
 */
public interface ArtifactStore {

    /**
     * Streams {@code content} to {@code key}, computing size and sha256 as it goes; the file appears under its key
     * only when written whole and, if {@code expectedSha256} is given, only when it matches. Never buffers it all.
     */
    Uni<Written> write(String key, ReadStream<Buffer> content, String expectedSha256);

    /** Removes every file whose key starts with {@code prefix + "/"} (a deleted model's files). */
    Uni<Void> deleteAll(String prefix);

    /** A local path to read the file from (sendfile, ranges), or null when the key holds nothing. */
    Path locate(String key);

    /** What was written: its size and its sha256 (lower-case hex). */
    record Written(long size, String sha256) {
    }

    /** The content did not hash to the sha256 the client announced; nothing was stored. */
    final class ChecksumMismatch extends IOException {

        private final String actual;

        public ChecksumMismatch(String actual) {
            super("sha256 mismatch");
            this.actual = actual;
        }

        public String actual() {
            return actual;
        }
    }
}
