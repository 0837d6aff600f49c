package dev.weir.hal.capability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HandleTableTest {
    @Test
    void openHandlesResolveToTheirSlot() {
        HandleTable t = new HandleTable(4);
        int a = t.allocate();
        int b = t.allocate();
        assertTrue(a > 0 && b > 0);
        assertNotEquals(a, b);
        assertEquals(0, t.lookup(a));
        assertEquals(1, t.lookup(b));
        assertEquals(2, t.openCount());
    }

    @Test
    void madeUpHandlesResolveToNothing() {
        HandleTable t = new HandleTable(4);
        int a = t.allocate();
        for (int guess : new int[] {0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, a + 1, a + 4, a - 4, 1, 2, 3}) {
            assertEquals(HandleTable.BAD_HANDLE, t.lookup(guess), "guess " + guess);
        }
    }

    @Test
    void closedHandleIsStaleEvenWhenItsSlotIsReused() {
        HandleTable t = new HandleTable(1);
        int first = t.allocate();
        t.release(t.lookup(first));
        assertEquals(HandleTable.BAD_HANDLE, t.lookup(first));
        int second = t.allocate();
        assertNotEquals(first, second);
        assertEquals(0, t.lookup(second));
        assertEquals(HandleTable.BAD_HANDLE, t.lookup(first));
    }

    @Test
    void revokedHandleSaysRevokedUntilClosedAndItsSlotWaits() {
        HandleTable t = new HandleTable(1);
        int h = t.allocate();
        t.revoke(t.lookup(h));
        assertEquals(HandleTable.REVOKED, t.lookup(h));
        assertEquals(HandleTable.REVOKED, t.lookup(h));
        assertEquals(-1, t.allocate(), "a revoked slot is not reused before the module closes it");
        assertTrue(t.closeRevoked(h));
        assertFalse(t.closeRevoked(h));
        assertEquals(HandleTable.BAD_HANDLE, t.lookup(h));
        assertTrue(t.allocate() > 0);
    }

    @Test
    void fullTableRefusesAndGenerationsWrapToPositiveHandles() {
        HandleTable t = new HandleTable(1024);
        for (int i = 0; i < 1024; i++) {
            assertTrue(t.allocate() > 0);
        }
        assertEquals(-1, t.allocate());
        HandleTable small = new HandleTable(2, 5);
        int h = small.allocate();
        int first = h;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < 12; i++) {
            seen.add(h);
            int old = h;
            small.release(small.lookup(h));
            h = small.allocate();
            assertTrue(h > 0);
            assertEquals(0, small.lookup(h));
            assertEquals(HandleTable.BAD_HANDLE, small.lookup(old));
        }
        assertEquals(5, seen.size(), "generations 1..5, then 1 again");
        assertTrue(seen.contains(first));
        HandleTable widest = new HandleTable(1);
        assertTrue(widest.allocate() > 0);
    }
    /** A grant with nothing behind it: the table only compares grants by identity. */
    private static Grant grant(String origin) {
        return new Grant(origin) {
            @Override
            public String capability() {
                return "test";
            }

            @Override
            public String describe() {
                return "test grant " + origin;
            }
        };
    }

    @Test
    void revokingAGrantClosesExactlyTheHandlesItOpened() {
        HandleTable t = new HandleTable(4);
        Grant g1 = grant("g1");
        Grant g2 = grant("g2");
        int a = t.allocate();
        t.setGrant(t.lookup(a), g1);
        int b = t.allocate();
        t.setGrant(t.lookup(b), g2);
        int c = t.allocate();
        t.setGrant(t.lookup(c), g1);
        StringBuilder closed = new StringBuilder();
        assertEquals(2, t.revokeGrant(g1, index -> closed.append(index).append(' ')));
        assertEquals("0 2 ", closed.toString(), "each of g1's slots closed once, before it was revoked");
        assertEquals(HandleTable.REVOKED, t.lookup(a));
        assertEquals(HandleTable.REVOKED, t.lookup(c));
        assertEquals(1, t.lookup(b));
        assertEquals(g2, t.grantOf(1));
        assertEquals(0, t.revokeGrant(g1, index -> closed.append("again")), "nothing left to close");
    }

    @Test
    void closingAllClosesEveryOpenSlotAndFreesIt() {
        HandleTable t = new HandleTable(3);
        int a = t.allocate();
        t.allocate();
        t.release(t.lookup(a));
        StringBuilder closed = new StringBuilder();
        t.closeAll(index -> closed.append(index).append(' '));
        assertEquals("1 ", closed.toString());
        assertEquals(0, t.openCount());
        assertEquals(null, t.grantOf(1));
    }
}
