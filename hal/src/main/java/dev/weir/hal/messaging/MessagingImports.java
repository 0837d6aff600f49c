package dev.weir.hal.messaging;

import dev.weir.core.module.FuncType;
import dev.weir.core.module.ValType;
import dev.weir.core.runtime.HostFunction;
import dev.weir.core.runtime.Instance;
import dev.weir.core.runtime.Linker;

/**
 * The {@value MessagingHost#MODULE} import functions: names, core-wasm types and dispatch to a {@link
 * MessagingHost}. Every function takes i32s and returns one i32 (see hal/wit/messaging.wit); the only
 * binding code of the interface, kept in this one class so it can move onto hal's table-driven
 * host-interface mechanism.
 */
public final class MessagingImports {
    static final String[] NAMES = {"open-link", "close", "subscribe", "publish", "receive", "messages-lost", "status"};
    private static final int[] ARITY = {2, 1, 4, 8, 7, 1, 1};
    private static final int OPEN_LINK = 0;
    private static final int CLOSE = 1;
    private static final int SUBSCRIBE = 2;
    private static final int PUBLISH = 3;
    private static final int RECEIVE = 4;
    private static final int MESSAGES_LOST = 5;
    private static final int STATUS = 6;

    private MessagingImports() {
    }

    /** Defines every function in the linker, bound to host. */
    public static void define(Linker linker, MessagingHost host) {
        for (int id = 0; id < NAMES.length; id++) {
            byte[] params = new byte[ARITY[id]];
            for (int i = 0; i < params.length; i++) {
                params[i] = ValType.I32;
            }
            linker.define(MessagingHost.MODULE, NAMES[id], new FuncType(params, new byte[] {ValType.I32}), new Call(host, id));
        }
    }

    /** Whether {@code name} is one of the functions. */
    public static boolean isFunction(String name) {
        for (String n : NAMES) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static final class Call implements HostFunction {
        private final MessagingHost host;
        private final int id;

        Call(MessagingHost host, int id) {
            this.host = host;
            this.id = id;
        }

        @Override
        public void call(Instance caller, long[] s, int b) {
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
                    r = host.receive(caller.memory(), (int) s[b], (int) s[b + 1], (int) s[b + 2], (int) s[b + 3],
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
}
