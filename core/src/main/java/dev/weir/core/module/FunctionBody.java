package dev.weir.core.module;

/**
 * A defined function's body (spec 5.5.13): its declared locals, expanded one type per local, and
 * where its instructions lie in the module binary. The validator reads them in place.
 */
public final class FunctionBody {
    private final byte[] localTypes;
    private final int codeStart;
    private final int codeEnd;

    /**
     * @param localTypes declared locals (not the parameters), one entry per local
     * @param codeStart  offset of the first instruction in {@link Module#bytes()}
     * @param codeEnd    offset just past the body's final {@code end} (0x0B)
     */
    public FunctionBody(byte[] localTypes, int codeStart, int codeEnd) {
        this.localTypes = localTypes;
        this.codeStart = codeStart;
        this.codeEnd = codeEnd;
    }

    public int localCount() {
        return localTypes.length;
    }

    public byte localType(int i) {
        return localTypes[i];
    }

    public int codeStart() {
        return codeStart;
    }

    public int codeEnd() {
        return codeEnd;
    }
}
