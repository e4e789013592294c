package ai.platform.registry.storage;

import ai.platform.registry.RegistryConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.core.streams.ReadStream;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Files under a root directory. A write streams (in large batches on worker threads, with back-pressure: see
 * {@link HashingFileWriter}) to a temporary file beside its destination, hashing on the way, and is renamed into
 * place atomically once complete and verified, so a reader never sees half a file and an interrupted upload leaves
 * nothing behind under the key.
 */
@ApplicationScoped
public class LocalArtifactStore implements ArtifactStore {

    /**
     * Bytes gathered into one file write, and the most an upload holds in memory (written or waiting) before its
     * sender is paused: large enough that the writes no longer limit an upload, small enough for many at once.
     */
    static final int WRITE_BATCH_BYTES = 1024 * 1024;
    static final long MAX_QUEUED_BYTES = 4L * WRITE_BATCH_BYTES;

    private final Path root;
    private final Vertx vertx;
    private final FileSystem files;

    public LocalArtifactStore(RegistryConfig config, Vertx vertx) {
        this.root = Path.of(config.storage().root()).toAbsolutePath().normalize();
        this.vertx = vertx;
        this.files = vertx.fileSystem();
    }

    @Override
    public Uni<Written> write(String key, ReadStream<Buffer> content, String expectedSha256) {
        Path target = resolve(key);
        String directory = target.getParent().toString();
        MessageDigest sha256 = sha256();
        io.vertx.core.Future<Written> written = files.mkdirs(directory)
                .compose(v -> files.createTempFile(directory, ".upload-", ".partial", (String) null))
                .compose(partial -> vertx.executeBlocking(() -> FileChannel.open(Path.of(partial),
                                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), false)
                        .compose(channel -> {
                            HashingFileWriter sink = new HashingFileWriter(vertx, channel, sha256, WRITE_BATCH_BYTES,
                                    MAX_QUEUED_BYTES);
                            // On failure the pipe would end the file without waiting; end it here and wait, so
                            // the partial file is closed before it is deleted.
                            return content.pipe().endOnFailure(false).to(sink)
                                    .recover(failure -> sink.end().transform(closed ->
                                            io.vertx.core.Future.<Void>failedFuture(failure)))
                                    .map(v -> sink.size());
                        })
                        .compose(size -> {
                            String actual = HexFormat.of().formatHex(sha256.digest());
                            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(actual)) {
                                return io.vertx.core.Future.failedFuture(new ChecksumMismatch(actual));
                            }
                            return files.move(partial, target.toString(),
                                            new CopyOptions().setAtomicMove(true).setReplaceExisting(true))
                                    .map(v -> new Written(size, actual));
                        })
                        .eventually(() -> files.exists(partial).compose(exists -> exists
                                ? files.delete(partial) : io.vertx.core.Future.succeededFuture())));
        return Uni.createFrom().completionStage(written.toCompletionStage());
    }

    @Override
    public Uni<Void> deleteAll(String prefix) {
        String directory = resolve(prefix).toString();
        return Uni.createFrom().completionStage(files.exists(directory)
                .compose(exists -> exists ? files.deleteRecursive(directory, true)
                        : io.vertx.core.Future.<Void>succeededFuture())
                .toCompletionStage());
    }

    @Override
    public Path locate(String key) {
        Path file = resolve(key);
        return Files.isRegularFile(file) ? file : null;
    }

    /** Keys are made by the registry, never by clients; this only guards against a key escaping the root. */
    private Path resolve(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("Key outside the store: " + key);
        }
        return file;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
