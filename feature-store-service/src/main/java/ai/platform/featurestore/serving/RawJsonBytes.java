package ai.platform.featurestore.serving;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A window on JSON text held in a buffer as UTF-8 bytes, in the form Jackson's generator writes without decoding:
 * {@code generator.writeRawValue(window)} copies the bytes into its output once. Mutable and reused for every value
 * of one answer ({@link #of}), so that writing 5,000 values makes no object per value; it must not be kept.
 *
 * <p>Jackson's byte generator only calls {@link #appendUnquotedUTF8} and, when its buffer is full,
 * {@link #asUnquotedUTF8}; the quoted forms (the text as a JSON string) are given for the interface's sake.
 */
final class RawJsonBytes implements SerializableString {

    private Buffer bytes;
    private int start;
    private int length;

    /** Points this window at {@code length} bytes of {@code bytes} from {@code start}. */
    RawJsonBytes of(Buffer bytes, int start, int length) {
        this.bytes = bytes;
        this.start = start;
        this.length = length;
        return this;
    }

    @Override
    public String getValue() {
        return bytes.getString(start, start + length, StandardCharsets.UTF_8.name());
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
        return JsonStringEncoder.getInstance().quoteAsString(getValue());
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return bytes.getBytes(start, start + length);
    }

    @Override
    public byte[] asQuotedUTF8() {
        return JsonStringEncoder.getInstance().quoteAsUTF8(getValue());
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return append(asQuotedUTF8(), buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        char[] quoted = asQuotedChars();
        if (offset + quoted.length > buffer.length) {
            return -1;
        }
        System.arraycopy(quoted, 0, buffer, offset, quoted.length);
        return quoted.length;
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + length > buffer.length) {
            return -1;
        }
        bytes.getBytes(start, start + length, buffer, offset);
        return length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        String text = getValue();
        if (offset + text.length() > buffer.length) {
            return -1;
        }
        text.getChars(0, text.length(), buffer, offset);
        return text.length();
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        byte[] quoted = asQuotedUTF8();
        out.write(quoted);
        return quoted.length;
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(asUnquotedUTF8());
        return length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        return put(asQuotedUTF8(), buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        return put(asUnquotedUTF8(), buffer);
    }

    private static int append(byte[] source, byte[] buffer, int offset) {
        if (offset + source.length > buffer.length) {
            return -1;
        }
        System.arraycopy(source, 0, buffer, offset, source.length);
        return source.length;
    }

    private static int put(byte[] source, ByteBuffer buffer) {
        if (source.length > buffer.remaining()) {
            return -1;
        }
        buffer.put(source);
        return source.length;
    }

    @Override
    public String toString() {
        return getValue();
    }
}
