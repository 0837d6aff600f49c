package dev.weir.trust;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** PEM (RFC 7468) blocks: a label and the DER bytes between BEGIN and END lines. */
public final class Pem {
    /** One block. */
    public static final class Block {
        public final String label;
        public final byte[] der;

        Block(String label, byte[] der) {
            this.label = label;
            this.der = der;
        }
    }

    private Pem() {
    }

    /** Whether the bytes look like PEM text (so a raw key is not read as text). */
    static boolean looksLikePem(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }

    /** Every block in the text, in order; text outside blocks (explanations) is skipped. */
    public static List<Block> read(String text) {
        List<Block> blocks = new ArrayList<>();
        int from = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", from);
            if (begin < 0) {
                return blocks;
            }
            int labelEnd = text.indexOf("-----", begin + 11);
            if (labelEnd < 0) {
                throw new IllegalArgumentException("PEM BEGIN line without its closing dashes");
            }
            String label = text.substring(begin + 11, labelEnd);
            String endLine = "-----END " + label + "-----";
            int end = text.indexOf(endLine, labelEnd);
            if (end < 0) {
                throw new IllegalArgumentException("PEM block " + label + " has no END line");
            }
            String body = text.substring(labelEnd + 5, end).replaceAll("\\s", "");
            blocks.add(new Block(label, Base64.getDecoder().decode(body)));
            from = end + endLine.length();
        }
    }

    /** One block, base64 in lines of 64 characters. */
    public static String write(String label, byte[] der) {
        String b64 = Base64.getEncoder().encodeToString(der);
        StringBuilder sb = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < b64.length(); i += 64) {
            sb.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        return sb.append("-----END ").append(label).append("-----\n").toString();
    }
}
