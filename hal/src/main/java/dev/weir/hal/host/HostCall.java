package dev.weir.hal.host;

import dev.weir.core.HostFunction;
import dev.weir.core.Instance;

/**
 * What the linker holds for one function of an interface: the dispatcher and the function's id.
 * One class for every interface, so the interpreter's call site for host functions sees one
 * receiver type however many interfaces a module imports.
 */
final class HostCall implements HostFunction {
    private final HostDispatcher dispatcher;
    private final int id;

    HostCall(HostDispatcher dispatcher, int id) {
        this.dispatcher = dispatcher;
        this.id = id;
    }

    @Override
    public void call(Instance caller, long[] stack, int base) {
        dispatcher.dispatch(id, caller, stack, base);
    }
}
