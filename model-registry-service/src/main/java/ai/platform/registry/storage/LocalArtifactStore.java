package ai.platform.registry.storage;

import ai.platform.registry.RegistryConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.ReadStream;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Files under a root directory. A write streams (Vert.x file I/O, with back-pressure) to a temporary file beside
 * its destination, hashing on the way, and is renamed into place atomically once complete and verified, so a
 * reader never sees half a file and an interrupted upload leaves nothing behind under the key.
 */
@ApplicationScoped
public class LocalArtifactStore implements ArtifactStore {

    private final Path root;
    private final FileSystem files;

    public LocalArtifactStore(RegistryConfig config, Vertx vertx) {
        this.root = Path.of(config.storage().root()).toAbsolutePath().normalize();
        this.files = vertx.fileSystem();
    }

    @Override
    public Uni<Written> write(String key, ReadStream<Buffer> content, String expectedSha256) {
        Path target = resolve(key);
        String directory = target.getParent().toString();
        MessageDigest sha256 = sha256();
        io.vertx.core.Future<Written> written = files.mkdirs(directory)
                .compose(v -> files.createTempFile(directory, ".upload-", ".partial", (String) null))
                .compose(partial -> files.open(partial, new OpenOptions().setWrite(true).setTruncateExisting(true))
                        .compose(file -> {
                            HashingWriteStream sink = new HashingWriteStream(file, sha256);
                            return content.pipeTo(sink).map(v -> sink.size());
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
                        .eventually(() -> files.exists(partial)
                                .compose(exists -> exists ? files.delete(partial) : io.vertx.core.Future.succeededFuture())));
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
