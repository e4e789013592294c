package ai.platform.registry.storage;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.security.MessageDigest;

/** Counts and hashes what passes through to another write stream (a file), keeping its back-pressure. */
final class HashingWriteStream implements WriteStream<Buffer> {

    private final WriteStream<Buffer> target;
    private final MessageDigest digest;
    private long size;

    HashingWriteStream(WriteStream<Buffer> target, MessageDigest digest) {
        this.target = target;
        this.digest = digest;
    }

    long size() {
        return size;
    }

    @Override
    public Future<Void> write(Buffer data) {
        observe(data);
        return target.write(data);
    }

    @Override
    public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
        observe(data);
        target.write(data, handler);
    }

    private void observe(Buffer data) {
        digest.update(data.getByteBuf().nioBuffer());
        size += data.length();
    }

    @Override
    public void end(Handler<AsyncResult<Void>> handler) {
        target.end(handler);
    }

    @Override
    public Future<Void> end() {
        return target.end();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        target.exceptionHandler(handler);
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        target.setWriteQueueMaxSize(maxSize);
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return target.writeQueueFull();
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        target.drainHandler(handler);
        return this;
    }
}
