package dev.weir.hal.checkpoint;

import dev.weir.core.Checkpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A checkpoint as a file: the coredump {@link Checkpoint#toBytes} writes, bound to the SHA-256 of
 * the module binary, in a gzip (deflate) stream. Deflate makes the size follow the memory a
 * program uses rather than the memory it declared, and gzip's CRC-32 and length catch a corrupt
 * or truncated file before anything is restored (docs/checkpoint.md).
 */
public final class SnapshotFile {
    private SnapshotFile() {
    }

    /** The file's bytes for a checkpoint of an instance of moduleBinary. */
    public static byte[] write(Checkpoint checkpoint, byte[] moduleBinary) {
        byte[] dump = checkpoint.toBytes(sha256(moduleBinary));
        ByteArrayOutputStream out = new ByteArrayOutputStream(dump.length / 8 + 64);
        try {
            GZIPOutputStream gzip = new GZIPOutputStream(out, 8192) {
                {
                    // The fastest level: memory that compresses (zeros, text, tables) still shrinks
                    // to a fraction, and the run is paused while the snapshot is made.
                    def.setLevel(Deflater.BEST_SPEED);
                }
            };
            gzip.write(dump);
            gzip.close();
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a file {@link #write} made for moduleBinary.
     *
     * @throws Checkpoint.Invalid with a one-line reason: not gzip, corrupt, truncated, another
     *     module, another format version
     */
    public static Checkpoint read(byte[] file, byte[] moduleBinary) {
        return Checkpoint.fromBytes(gunzip(file), sha256(moduleBinary));
    }

    private static byte[] gunzip(byte[] file) {
        try {
            InputStream in = new GZIPInputStream(new ByteArrayInputStream(file), 8192);
            ByteArrayOutputStream out = new ByteArrayOutputStream(file.length * 4 + 64);
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0;) {
                out.write(buffer, 0, n);
            }
            in.close();
            return out.toByteArray();
        } catch (IOException e) {
            // ZipException: not gzip, or a CRC or length that does not match; EOFException: truncated.
            String why = e instanceof java.io.EOFException ? "truncated" : e.getMessage();
            throw new Checkpoint.Invalid("checkpoint is corrupt or truncated (" + why + ")");
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
