package io.inkwell.common.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongFunction;

/** Copies a body or an entry while counting, so that one over its limit is refused, not held. */
public final class CappedCopy {

    private static final int BUFFER_SIZE = 64 * 1024;

    private CappedCopy() {
    }

    /**
     * Copies at most {@code maxBytes}; on the first byte more, throws what {@code tooLarge} makes
     * of the count so far.
     *
     * @return the bytes copied
     */
    public static long copy(InputStream in, OutputStream out, long maxBytes, LongFunction<RuntimeException> tooLarge)
            throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long copied = 0;
        for (int read; (read = in.read(buffer)) != -1; ) {
            copied += read;
            if (copied > maxBytes) {
                throw tooLarge.apply(copied);
            }
            out.write(buffer, 0, read);
        }
        return copied;
    }
}
