package dev.weir.trust;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A module's sections as byte ranges: id, where the whole section starts (its id byte) and ends,
 * and a custom section's name. Nothing is decoded beyond the framing, so signatures can be checked
 * before the module is parsed (and a malicious module meets no parser first).
 */
final class Sections {
    static final String SIGNATURE = "signature";
    static final String DELIMITER = "signature_delimiter";
    static final int HEADER_SIZE = 8;

    /** One section: [start, end) in the module's bytes covers id, size and payload. */
    static final class Section {
        final int id;
        final int start;
        final int end;
        final int payloadStart;
        /** A custom section's name; null for other sections. */
        final String name;

        Section(int id, int start, int end, int payloadStart, String name) {
            this.id = id;
            this.start = start;
            this.end = end;
            this.payloadStart = payloadStart;
            this.name = name;
        }

        boolean isSignature() {
            return id == 0 && SIGNATURE.equals(name);
        }

        boolean isDelimiter() {
            return id == 0 && DELIMITER.equals(name);
        }

        String describe(int index) {
            return "section " + index + (name != null ? " (custom '" + name + "')" : " (id " + id + ")") + " at byte " + start;
        }
    }

    private Sections() {
    }

    static List<Section> read(byte[] module) throws SignatureException {
        if (module.length < HEADER_SIZE || module[0] != 0 || module[1] != 'a' || module[2] != 's' || module[3] != 'm') {
            throw new SignatureException(SignatureException.Reason.MALFORMED_MODULE,
                    "not a WebAssembly module (no \\0asm header)");
        }
        List<Section> sections = new ArrayList<>();
        Leb128.Reader r = new Leb128.Reader(module, HEADER_SIZE, module.length);
        try {
            while (!r.atEnd()) {
                int start = r.pos;
                int id = r.u8("section id");
                long size = r.u32("section " + sections.size() + " size");
                int payloadStart = r.pos;
                if (size > module.length - payloadStart) {
                    throw new Leb128.FormatError("section " + sections.size() + " at byte " + start + " claims "
                            + size + " bytes, but only " + (module.length - payloadStart) + " remain");
                }
                int end = payloadStart + (int) size;
                String name = null;
                if (id == 0) {
                    Leb128.Reader n = new Leb128.Reader(module, payloadStart, end);
                    name = new String(n.lengthPrefixed("custom section name at byte " + start), StandardCharsets.UTF_8);
                }
                sections.add(new Section(id, start, end, payloadStart, name));
                r.pos = end;
            }
        } catch (Leb128.FormatError e) {
            throw new SignatureException(SignatureException.Reason.MALFORMED_MODULE, "malformed module: " + e.getMessage());
        }
        return sections;
    }

    /** The payload of a custom section after its name. */
    static byte[] customData(byte[] module, Section s) {
        Leb128.Reader r = new Leb128.Reader(module, s.payloadStart, s.end);
        try {
            r.lengthPrefixed("name");
        } catch (Leb128.FormatError e) {
            throw new AssertionError("names were read by read()", e);
        }
        byte[] data = new byte[s.end - r.pos];
        System.arraycopy(module, r.pos, data, 0, data.length);
        return data;
    }
}
