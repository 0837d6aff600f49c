package dev.weir.board.cli;

import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.GrantParser;
import dev.weir.hal.capability.GrantSyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the page of {@code weir run --inspect} may do besides watching. Grant-file syntax:
 * <pre>
 * inspect inject=BCM[,BCM...]
 * </pre>
 * The page's buttons then drive those input pins of the running module (each must also be granted
 * as a GPIO input); without such a line the page is read-only and an attempt to inject is refused.
 */
final class InspectGrant extends Grant {
    static final GrantParser PARSER = new GrantParser() {
        @Override
        public Grant parse(String[] words, String origin) {
            return InspectGrant.parse(words, origin);
        }
    };

    private final List<Integer> inject;

    private InspectGrant(List<Integer> inject, String origin) {
        super(origin);
        this.inject = Collections.unmodifiableList(inject);
    }

    static InspectGrant parse(String[] words, String origin) {
        if (words.length != 2 || !words[1].startsWith("inject=") || words[1].length() == 7) {
            throw new GrantSyntaxException(origin, "an inspect grant is: inspect inject=BCM[,BCM...]");
        }
        List<Integer> pins = new ArrayList<>();
        for (String part : words[1].substring(7).split(",")) {
            String p = part.regionMatches(true, 0, "GPIO", 0, 4) ? part.substring(4) : part;
            try {
                int bcm = Integer.parseInt(p);
                if (bcm < 0 || bcm > 63) {
                    throw new NumberFormatException();
                }
                pins.add(bcm);
            } catch (NumberFormatException e) {
                throw new GrantSyntaxException(origin, "'" + part + "' is not a pin (a BCM number such as 27)");
            }
        }
        return new InspectGrant(pins, origin);
    }

    /** The BCM numbers the page may drive. */
    List<Integer> inject() {
        return inject;
    }

    @Override
    public String capability() {
        return "inspect";
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder("inspect inject=");
        for (int i = 0; i < inject.size(); i++) {
            b.append(i == 0 ? "" : ",").append(inject.get(i));
        }
        return b.toString();
    }
}
