package dev.weir.hal.messaging;

import dev.weir.core.Instance;
import dev.weir.core.Linker;
import dev.weir.core.module.Module;
import dev.weir.hal.host.HostDispatcher;
import dev.weir.hal.host.HostInterface;

/**
 * The {@value MessagingHost#MODULE} interface on hal's host-interface mechanism: its table (names
 * and core-wasm types; every function takes i32s and returns one i32, see hal/wit/messaging.wit)
 * and its dispatcher onto a {@link MessagingHost}.
 */
public final class MessagingImports implements HostDispatcher {
    private static final int OPEN_LINK = 0;
    private static final int CLOSE = 1;
    private static final int SUBSCRIBE = 2;
    private static final int PUBLISH = 3;
    private static final int RECEIVE = 4;
    private static final int MESSAGES_LOST = 5;
    private static final int STATUS = 6;

    /** The interface's functions, by id: what {@link #define} defines and what tests read. */
    public static final HostInterface INTERFACE = HostInterface.builder(MessagingHost.MODULE)
            .function(OPEN_LINK, "open-link", "ii", "i")
            .function(CLOSE, "close", "i", "i")
            .function(SUBSCRIBE, "subscribe", "iiii", "i")
            .function(PUBLISH, "publish", "iiiiiiii", "i")
            .function(RECEIVE, "receive", "iiiiiii", "i")
            .function(MESSAGES_LOST, "messages-lost", "i", "i")
            .function(STATUS, "status", "i", "i")
            .build();

    private final MessagingHost host;

    private MessagingImports(MessagingHost host) {
        this.host = host;
    }

    /** Defines every function in the linker, bound to host. */
    public static void define(Linker linker, MessagingHost host) {
        INTERFACE.defineAll(linker, new MessagingImports(host));
    }

    /** Defines the functions the module imports of this interface, bound to host; refuses what it lacks. */
    public static void define(Linker linker, Module module, MessagingHost host) {
        INTERFACE.define(linker, module, new MessagingImports(host));
    }

    /** Whether {@code name} is one of the functions. */
    public static boolean isFunction(String name) {
        return INTERFACE.has(name);
    }

    @Override
    public void dispatch(int id, Instance caller, long[] s, int b) {
        int r;
        switch (id) {
            case OPEN_LINK:
                r = host.openLink(caller.memory(), (int) s[b], (int) s[b + 1]);
                break;
            case CLOSE:
                r = host.close((int) s[b]);
                break;
            case SUBSCRIBE:
                r = host.subscribe(caller.memory(), (int) s[b], (int) s[b + 1], (int) s[b + 2], (int) s[b + 3]);
                break;
            case PUBLISH:
                r = host.publish(caller.memory(), (int) s[b], (int) s[b + 1], (int) s[b + 2], (int) s[b + 3],
                        (int) s[b + 4], (int) s[b + 5], (int) s[b + 6], (int) s[b + 7]);
                break;
            case RECEIVE:
                r = host.receive(caller, caller.memory(), (int) s[b], (int) s[b + 1], (int) s[b + 2], (int) s[b + 3],
                        (int) s[b + 4], (int) s[b + 5], (int) s[b + 6]);
                break;
            case MESSAGES_LOST:
                r = host.messagesLost((int) s[b]);
                break;
            case STATUS:
                r = host.status((int) s[b]);
                break;
            default:
                throw new IllegalStateException("no messaging function " + id);
        }
        s[b] = r & 0xFFFFFFFFL;
    }
}
