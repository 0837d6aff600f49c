package dev.weir.hal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.hal.capability.GrantFile;
import dev.weir.hal.capability.GrantSyntaxException;
import org.junit.jupiter.api.Test;

class SpiffeIdTest {
    @Test
    void parsesTrustDomainAndPath() {
        SpiffeId id = SpiffeId.parse("spiffe://plant.example/line1/gateway3/motion");
        assertEquals("plant.example", id.trustDomain());
        assertEquals("/line1/gateway3/motion", id.path());
        assertTrue(id.isAtOrBelow(SpiffeId.parse("spiffe://plant.example/line1")));
        assertFalse(id.isAtOrBelow(SpiffeId.parse("spiffe://plant.example/line")));
        assertFalse(id.isAtOrBelow(SpiffeId.parse("spiffe://other.example/line1")));
    }

    @Test
    void refusesWhatTheSpecForbids() {
        String[] bad = {"http://plant.example/a", "spiffe:///a", "spiffe://Plant.example/a", "spiffe://plant.example:8080/a",
            "spiffe://user@plant.example/a", "spiffe://plant.example/a/", "spiffe://plant.example//a",
            "spiffe://plant.example/a/../b", "spiffe://plant.example/a?q=1", "spiffe://plant.example/a#f"};
        for (String s : bad) {
            assertThrows(IllegalArgumentException.class, () -> SpiffeId.parse(s), s);
        }
    }

    @Test
    void identityGrantLinesNameTheIdAndTheSvidDirectory() {
        GrantFile file = new GrantFile().register("identity", IdentityGrant.PARSER);
        IdentityGrant g = (IdentityGrant) file.parseLine("identity spiffe://plant.example/line1/motion svid=/run/svid", "t:1");
        assertEquals("spiffe://plant.example/line1/motion", g.id().toString());
        assertEquals("/run/svid", g.svidDirectory());
        GrantSyntaxException e = assertThrows(GrantSyntaxException.class,
                () -> file.parseLine("identity spiffe://plant.example", "t:2"));
        assertTrue(e.getMessage().contains("t:2"), e.getMessage());
    }
}
