package dev.weir.hal.host;

import dev.weir.core.Instance;
import dev.weir.core.Memory;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.Grants;

/**
 * The smallest granted interface, for the mechanism's own tests: {@code test:lamp} switches
 * numbered lamps on and off. It is what a new interface takes: a table, a dispatcher, an open call
 * that checks grants, and per-slot state.
 */
final class LampHost extends GrantedHost {
    static final int OPEN = 0;
    static final int SET = 1;
    static final int CLOSE = 2;
    static final int COUNT = 3;
    static final int BRIGHTNESS = 4;

    static final HostInterface INTERFACE = HostInterface.builder("test:lamp")
            .function(OPEN, "open", "i", "i")
            .function(SET, "set", "ii", "i")
            .function(CLOSE, "close", "i", "i")
            .function(COUNT, "count", "i", "i")
            .function(BRIGHTNESS, "brightness", "ii", "i")
            .build();

    static final int NOT_ALLOWED = 1;
    static final int BAD_HANDLE = 2;
    static final int REVOKED = 3;
    static final int ALREADY_IN_USE = 4;
    private static final String[] ERRORS = {"", "not-allowed", "bad-handle", "revoked", "already-in-use"};

    /** A grant file's {@code lamp N}. */
    static final class LampGrant extends Grant {
        final int lamp;

        LampGrant(int lamp, String origin) {
            super(origin);
            this.lamp = lamp;
        }

        @Override
        public String capability() {
            return "lamp";
        }

        @Override
        public String describe() {
            return "lamp " + lamp;
        }
    }

    /** Each lamp's state: on (1) or off (0). */
    final int[] on = new int[8];
    /** How many times any lamp was set. */
    int changes;
    private final int[] lampOf;

    LampHost(Grants grants) {
        super(INTERFACE, "lamp", grants, 4, REVOKED, BAD_HANDLE);
        lampOf = new int[4];
    }

    @Override
    protected String errorName(int error) {
        return ERRORS[error];
    }

    @Override
    protected void release(int index) {
        on[lampOf[index]] = 0;
    }

    @Override
    public void dispatch(int id, Instance caller, long[] s, int b) {
        int r;
        switch (id) {
            case OPEN:
                r = open((int) s[b]);
                break;
            case SET:
                r = set((int) s[b], (int) s[b + 1]);
                break;
            case CLOSE:
                r = closeHandle((int) s[b], CLOSE);
                break;
            case COUNT:
                Memory m = functions.memory(caller, COUNT);
                m.writeInt((int) s[b], changes);
                r = 0;
                break;
            default:
                r = 0;
                break;
        }
        s[b] = r & 0xFFFFFFFFL;
    }

    synchronized int open(int lamp) {
        String request = "lamp " + lamp;
        for (Grant g : grantsInForce()) {
            if (((LampGrant) g).lamp == lamp) {
                for (int i = 0; i < lampOf.length; i++) {
                    if (table.isOpen(i) && lampOf[i] == lamp) {
                        return deny(ALREADY_IN_USE, request, "lamp " + lamp + " is already open");
                    }
                }
                int handle = table.allocate();
                int i = table.lookup(handle);
                lampOf[i] = lamp;
                table.setGrant(i, g);
                return handle;
            }
        }
        return deny(NOT_ALLOWED, request, "no grant names lamp " + lamp);
    }

    synchronized int set(int handle, int state) {
        int i = slot(handle, SET);
        if (i < 0) {
            return i;
        }
        on[lampOf[i]] = state;
        changes++;
        return 0;
    }
}
