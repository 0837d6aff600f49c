package dev.weir.hal.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.hal.capability.GrantFile;
import dev.weir.hal.capability.GrantSyntaxException;
import org.junit.jupiter.api.Test;

class MessagingGrantTest {
    private final GrantFile file = new GrantFile().register("messaging", MessagingGrant.PARSER);

    @Test
    void parsesEveryOption() {
        MessagingGrant g = (MessagingGrant) file.parseLine("messaging broker publish=sensors/+/temperature,status "
                + "subscribe=led/# qos=0 max-message=4K inbox=16 inbox-full=drop rate=10/s buffer=50 "
                + "uri=mqtt://127.0.0.1:1883 client-id=sensor-1", "a.grants:1");
        assertEquals("broker", g.link());
        assertEquals(2, g.publishFilters().size());
        assertEquals(0, g.maxQos());
        assertEquals(4096, g.maxMessage());
        assertEquals(16, g.inbox());
        assertEquals(MessagingGrant.POLICY_DROP, g.inboxPolicy());
        assertEquals(10, g.rate());
        assertEquals(50, g.buffer());
        assertEquals("sensor-1", g.clientId());
        assertTrue(g.describe().startsWith("messaging broker publish=sensors/+/temperature,status subscribe=led/# qos=0"));
    }

    @Test
    void badLinesNameTheFileLineAndProblem() {
        GrantSyntaxException e = assertThrows(GrantSyntaxException.class,
                () -> file.parseLine("messaging broker publish=sensors/#/x", "a.grants:3"));
        assertTrue(e.getMessage().startsWith("a.grants:3: publish=sensors/#/x is not an MQTT topic filter"), e.getMessage());
        e = assertThrows(GrantSyntaxException.class, () -> file.parseLine("messaging broker qos=2", "a.grants:4"));
        assertEquals("a.grants:4: qos=2: weir supports qos 0 and 1", e.getMessage());
        e = assertThrows(GrantSyntaxException.class, () -> file.parseLine("messaging broker uri=http://x", "g:1"));
        assertTrue(e.getMessage().contains("scheme 'http' is not supported"), e.getMessage());
        e = assertThrows(GrantSyntaxException.class, () -> file.parseLine("messaging bro/ker", "g:2"));
        assertTrue(e.getMessage().contains("is not a link name"), e.getMessage());
    }

    @Test
    void linkSettingsParseTheCommandLineForm() {
        LinkSettings s = LinkSettings.parse("broker", "mqtt://127.0.0.1:18830,client-id=pub-1,session-expiry=60");
        assertEquals("127.0.0.1", s.host());
        assertEquals(18830, s.port());
        assertEquals("pub-1", s.clientId());
        assertEquals(60, s.sessionExpirySeconds());
        assertEquals("weir-broker", LinkSettings.parse("broker", "mqtt://localhost").clientId());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LinkSettings.parse("b", "mqtt://host:99999"));
        assertEquals("'99999' is not a port (1..65535)", e.getMessage());
    }

    @Test
    void receiveMaximumIsTheBrokersChoiceUnlessTheLinkAsks() {
        assertEquals(0, LinkSettings.parse("b", "mqtt://localhost").receiveMaximum());
        LinkSettings s = LinkSettings.parse("b", "mqtt://localhost,receive-maximum=4000");
        assertEquals(4000, s.receiveMaximum());
        assertEquals(4000, s.withDefaultsFrom(new MessagingGrant.Builder("b").subscribe("x/#").build("test")).receiveMaximum());
        assertEquals("receive-maximum=65535 is not a number in 1..65534", assertThrows(IllegalArgumentException.class,
                () -> LinkSettings.parse("b", "mqtt://localhost,receive-maximum=65535")).getMessage());
        assertEquals("receive-maximum=0 is not a number in 1..65534", assertThrows(IllegalArgumentException.class,
                () -> LinkSettings.parse("b", "mqtt://localhost,receive-maximum=0")).getMessage());
    }

    @Test
    void topicMapNamesPortsAndRefusesWildcardPortsAndBadPairs() {
        MessagingGrant g = (MessagingGrant) file.parseLine("messaging broker topic-map=out=weir/app/g/n/out,in=weir/app/g/+/x",
                "a.grants:2");
        assertEquals("weir/app/g/n/out", g.topicMap().get("out"));
        assertEquals("weir/app/g/+/x", g.mapTopic("in"));
        assertEquals("other", g.mapTopic("other"));
        assertTrue(assertThrows(GrantSyntaxException.class, () -> file.parseLine("messaging broker topic-map=o+=x", "a:3"))
                .getMessage().contains("the port is not an MQTT topic name"));
        assertTrue(assertThrows(GrantSyntaxException.class, () -> file.parseLine("messaging broker topic-map=out", "a:4"))
                .getMessage().contains("expected PORT=TOPIC"));
        assertTrue(assertThrows(GrantSyntaxException.class, () -> file.parseLine("messaging broker topic-map=a=x,a=y", "a:5"))
                .getMessage().contains("mapped twice"));
    }
}
