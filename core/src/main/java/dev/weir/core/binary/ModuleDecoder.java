package dev.weir.core.binary;

import dev.weir.core.module.Module;

/** Decodes the binary format (spec chapter 5) into a {@link Module}, one method per section. */
public final class ModuleDecoder {
    // STUB: the decoder helper owns this file.
    private ModuleDecoder() {
    }

    /** @throws dev.weir.core.MalformedModuleException naming the section and offset, and nothing else */
    public static Module decode(byte[] bytes) {
        throw new UnsupportedOperationException("TODO");
    }
}
