package ai.platform.registry.storage;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * A write stream into a file that gathers what arrives into large batches and writes and hashes each batch on a
 * worker thread, one batch after the other, keeping back-pressure on the source.
 *
 * <p>Why not Vert.x's {@code AsyncFile}: an HTTP body arrives in chunks of at most 8 KB, and {@code AsyncFile} makes
 * each chunk a write of its own, handed to a worker thread and back: 130,000 hand-overs and system calls per GB,
 * which made the registry, not the network or the disk, the limit of an upload (about 165 MB/s, measured with JFR
 * and per-thread CPU time). Here one write covers {@code batchBytes}, and the sha256 is computed on the
 * worker too, so the event loop only reads the network. Chunks are kept as they came (Vert.x hands each handler a
 * buffer of its own) until the worker copies them into the upload's staging buffer; at most about {@code maxQueuedBytes + batchBytes} are held per upload.
 */
final class HashingFileWriter implements WriteStream<Buffer> {

    private final Vertx vertx;
    private final FileChannel channel;
    private final MessageDigest digest;
    private final int batchBytes;
    private final long maxQueuedBytes;

    /** Touched on the event loop only. */
    private List<Buffer> batch = new ArrayList<>();
    private int batchSize;
    private Promise<Void> batchWritten;
    private long queuedBytes;
    private long size;
    private Throwable failure;
    private Handler<Void> drainHandler;
    private Handler<Throwable> exceptionHandler;
    /**
     * Where each batch is gathered before its write, on the worker. Writing heap buffers directly would make the
     * JDK copy them into temporary direct buffers that it then caches per thread for good (about a batch on every
     * worker thread that ever wrote one); one staging buffer per upload is released with the upload instead.
     * Batches never overlap, so one is enough.
     */
    private ByteBuffer staging;
    /** The last batch handed to a worker: each next one starts when it is written, so the file stays in order. */
    private Future<Void> tail = Future.succeededFuture();

    HashingFileWriter(Vertx vertx, FileChannel channel, MessageDigest digest, int batchBytes, long maxQueuedBytes) {
        if (maxQueuedBytes < 2L * batchBytes) {
            // Drained at half the bound: with less, a last unwritten batch could keep the source paused for good.
            throw new IllegalArgumentException("maxQueuedBytes must be at least twice batchBytes");
        }
        this.vertx = vertx;
        this.channel = channel;
        this.digest = digest;
        this.batchBytes = batchBytes;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** Bytes accepted so far. */
    long size() {
        return size;
    }

    @Override
    public Future<Void> write(Buffer data) {
        if (failure != null) {
            return Future.failedFuture(failure);
        }
        if (batchWritten == null) {
            batchWritten = Promise.promise();
        }
        Future<Void> written = batchWritten.future();
        if (data.length() > 0) {
            batch.add(data);
            batchSize += data.length();
            queuedBytes += data.length();
            size += data.length();
        }
        if (batchSize >= batchBytes) {
            flush();
        }
        return written;
    }

    @Override
    public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
        Future<Void> written = write(data);
        if (handler != null) {
            written.onComplete(handler);
        }
    }

    /** Writes what is left, then closes the file; fails if any write failed. */
    @Override
    public Future<Void> end() {
        flush();
        return tail.eventually(() -> vertx.executeBlocking(() -> {
            channel.close();
            return null;
        }, false));
    }

    @Override
    public void end(Handler<AsyncResult<Void>> handler) {
        Future<Void> ended = end();
        if (handler != null) {
            ended.onComplete(handler);
        }
    }

    private void flush() {
        if (batchWritten == null) {
            return;
        }
        List<Buffer> buffers = batch;
        int bytes = batchSize;
        Promise<Void> written = batchWritten;
        batch = new ArrayList<>();
        batchSize = 0;
        batchWritten = null;
        tail = tail.compose(v -> vertx.<Void>executeBlocking(() -> {
            writeAll(buffers);
            return null;
        }, false)).onComplete(result -> {
            queuedBytes -= bytes;
            if (result.failed() && failure == null) {
                failure = result.cause();
                if (exceptionHandler != null) {
                    exceptionHandler.handle(failure);
                }
            }
            if (drainHandler != null && queuedBytes <= maxQueuedBytes / 2) {
                Handler<Void> drained = drainHandler;
                drainHandler = null;
                drained.handle(null);
            }
            written.handle(result);
        });
    }

    /** On a worker thread; batches never overlap (each starts when the one before is written). */
    private void writeAll(List<Buffer> buffers) throws IOException {
        if (staging == null) {
            staging = ByteBuffer.allocateDirect(batchBytes);
        }
        for (Buffer buffer : buffers) {
            ByteBuffer chunk = buffer.getByteBuf().nioBuffer();
            digest.update(chunk.duplicate());
            while (chunk.hasRemaining()) {
                if (!staging.hasRemaining()) {
                    writeStaged();
                }
                int take = Math.min(chunk.remaining(), staging.remaining());
                staging.put(chunk.slice(chunk.position(), take));
                chunk.position(chunk.position() + take);
            }
        }
        writeStaged();
    }

    private void writeStaged() throws IOException {
        staging.flip();
        while (staging.hasRemaining()) {
            channel.write(staging);
        }
        staging.clear();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        // The bound is set at construction, from the batch size: a caller's smaller bound would undo the batching.
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return queuedBytes >= maxQueuedBytes;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        this.drainHandler = handler;
        return this;
    }
}
