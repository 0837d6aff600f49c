package dev.weir.hal.identity;

import dev.weir.hal.host.HostDispatcher;
import dev.weir.hal.host.HostInterface;
import dev.weir.core.module.TrapException;
import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.Memory;
import java.nio.charset.Charset;

/**
 * The {@code weir:identity} interface ({@code hal/wit/identity.wit}, {@code hal/include/weir_identity.h}):
 * a module learns its own SPIFFE ID, and nothing else: no key, no certificate, no other module's ID.
 *
 * <p>{@code spiffe-id(buffer, capacity) -> i32}: writes the ID as UTF-8 at {@code buffer} when it
 * fits in {@code capacity} bytes and returns its length; when it does not fit, writes nothing and
 * returns the length all the same (call again with a larger buffer); returns {@code -1}
 * (no-identity) when the module runs without one. A region outside memory traps.
 */
public final class IdentityHost implements HostDispatcher {
    public static final String MODULE = "weir:identity";
    public static final String SPIFFE_ID = "spiffe-id";
    /** The module has no identity grant. */
    public static final int NO_IDENTITY = 1;
    private static final int SPIFFE_ID_FUNCTION = 0;

    /** The interface's one function, on hal's host-interface mechanism. */
    public static final HostInterface INTERFACE = HostInterface.builder(MODULE)
            .function(SPIFFE_ID_FUNCTION, SPIFFE_ID, "ii", "i")
            .build();

    private final byte[] id;

    /** @param id the module's ID, or null when it has none */
    public IdentityHost(SpiffeId id) {
        this.id = id == null ? null : id.toString().getBytes(Charset.forName("UTF-8"));
    }

    /** Defines the interface's functions in the linker. */
    public void defineImports(Linker linker) {
        INTERFACE.defineAll(linker, this);
    }

    /** Defines what the module imports of the interface; refuses, in one line, what it lacks. */
    public void defineImports(Linker linker, dev.weir.core.module.Module module) {
        INTERFACE.define(linker, module, this);
    }

    @Override
    public void dispatch(int id, Instance caller, long[] stack, int base) {
        stack[base] = spiffeId(caller.memory(), (int) stack[base], (int) stack[base + 1]) & 0xFFFFFFFFL;
    }

    /** The function itself, for callers that hold the memory. */
    public int spiffeId(Memory memory, int buffer, int capacity) {
        if (id == null) {
            return -NO_IDENTITY;
        }
        if (capacity < 0 || id.length > capacity) {
            return id.length;
        }
        if (memory == null) {
            throw new TrapException("weir:identity spiffe-id needs the module's memory, and the module has none");
        }
        memory.checkRange(buffer, id.length);
        System.arraycopy(id, 0, memory.array(), buffer, id.length);
        return id.length;
    }
}
