package ai.platform.registry.storage;

import ai.platform.registry.RegistryConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Files under a root directory. A write goes to a temporary file beside its destination and is renamed into
 * place atomically once complete and verified, so a reader never sees half a file and an interrupted upload
 * leaves nothing behind under the key.
 */
@ApplicationScoped
public class LocalArtifactStore implements ArtifactStore {

    private static final int BUFFER = 1 << 20;

    private final Path root;

    public LocalArtifactStore(RegistryConfig config) {
        this.root = Path.of(config.storage().root()).toAbsolutePath().normalize();
    }

    @Override
    public Written write(String key, InputStream content, String expectedSha256) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), ".upload-", ".partial");
        try {
            MessageDigest sha256 = sha256();
            long size;
            try (OutputStream out = new BufferedOutputStream(
                    new DigestOutputStream(Files.newOutputStream(partial), sha256), BUFFER)) {
                size = content.transferTo(out);
            }
            String actual = HexFormat.of().formatHex(sha256.digest());
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(actual)) {
                throw new ChecksumMismatch(actual);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new Written(size, actual);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    @Override
    public Path locate(String key) {
        Path file = resolve(key);
        return Files.isRegularFile(file) ? file : null;
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(resolve(key));
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
