package dev.weir.hal.capability;

/** Reads the grant-file lines of one capability (the lines whose first word is its name). */
public interface GrantParser {
    /**
     * @param words the line split at white space, the capability name first
     * @param origin where the line is, for error messages ({@code "app.grants:4"})
     * @throws GrantSyntaxException when the line is not a valid grant
     */
    Grant parse(String[] words, String origin);
}
