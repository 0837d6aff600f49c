package dev.weir.board.cli;

import dev.weir.trust.ModuleSigner;
import dev.weir.trust.ModuleVerifier;
import dev.weir.trust.PublicSigningKey;
import dev.weir.trust.SecretSigningKey;
import dev.weir.trust.SignatureException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code weir keygen}, {@code weir sign} and {@code weir verify}: module signatures in the
 * tool-conventions format (the trust module), interchangeable with wasmsign2's.
 */
final class TrustCommands {
    static final String HELP_KEYGEN = "usage: weir keygen [--pem] NAME\n"
            + "\n"
            + "Creates an Ed25519 key pair for signing modules: NAME.sk (secret, readable by you only) and\n"
            + "NAME.pk (public), in the signature format's raw layout (wasmsign2's .sk/.pk). With --pem: NAME.key\n"
            + "(PKCS#8) and NAME.pub (SubjectPublicKeyInfo), as OpenSSL writes them. Existing files are not\n"
            + "overwritten.\n";

    static final String HELP_SIGN = "usage: weir sign --key KEY [OPTIONS] IN.wasm -o OUT.wasm\n"
            + "\n"
            + "Signs IN.wasm (WebAssembly tool-conventions signatures: Ed25519 over SHA-256 of its sections)\n"
            + "and writes OUT.wasm with the signature section first. A module signed already keeps its\n"
            + "signatures; this one is added.\n"
            + "\n"
            + "  --key KEY                the secret key: raw (0x81..., wasmsign2's) or PEM PKCS#8\n"
            + "  -o, --output FILE        the signed module\n"
            + "  --detached FILE          write the signature to FILE instead; OUT.wasm (if given) is the module\n"
            + "  --key-id TEXT            the key id stored with the signature (default: wasmsign2's, from the key)\n"
            + "  --no-key-id              store no key id\n"
            + "  --allow-extensions       end the module with a delimiter, so sections added later leave this\n"
            + "                           signature intact (it then covers a prefix)\n";

    static final String HELP_VERIFY = "usage: weir verify --key PUB [--key PUB...] [OPTIONS] APP.wasm\n"
            + "\n"
            + "Checks APP.wasm's signature with the public keys given (raw 0x01... or PEM). Prints the keys that\n"
            + "signed it and exits 0; otherwise prints one line naming why (not signed, altered, no valid\n"
            + "signature, partially signed, malformed) and exits " + ExitStatus.DENIED + ".\n"
            + "\n"
            + "  --key PUB                a public key; repeatable (any one of them suffices)\n"
            + "  --signature FILE         a detached signature (default: the embedded one)\n"
            + "  --allow-custom-sections  accept a signature that covers a prefix followed by custom sections only\n";

    private TrustCommands() {
    }

    static int keygen(String[] args, PrintStream out) throws CliException {
        boolean pem = false;
        String name = null;
        for (int i = 1; i < args.length; i++) {
            if ("--pem".equals(args[i])) {
                pem = true;
            } else if (args[i].startsWith("-")) {
                throw CliException.usage("unknown option " + args[i] + " for keygen (see weir help keygen)");
            } else if (name == null) {
                name = args[i];
            } else {
                throw CliException.usage("keygen takes one NAME: weir keygen [--pem] NAME");
            }
        }
        if (name == null) {
            throw CliException.usage("keygen needs a NAME: weir keygen [--pem] NAME");
        }
        SecretSigningKey key = signatureCall(() -> SecretSigningKey.generate(), "keygen");
        Path secret = Paths.get(name + (pem ? ".key" : ".sk"));
        Path pub = Paths.get(name + (pem ? ".pub" : ".pk"));
        for (Path p : new Path[] {secret, pub}) {
            if (Files.exists(p)) {
                throw new CliException(ExitStatus.USAGE, "keygen: " + p + " exists already; it is not overwritten");
            }
        }
        writeSecret(secret, pem ? key.toPem().getBytes(StandardCharsets.US_ASCII) : key.toRawFile());
        write(pub, pem ? key.publicKey().toPem().getBytes(StandardCharsets.US_ASCII) : key.publicKey().toRawFile(), "keygen");
        out.println("secret key: " + secret + "\npublic key: " + pub + " (" + key.publicKey().fingerprint() + ")");
        return ExitStatus.OK;
    }

    static int sign(String[] args, PrintStream out) throws CliException {
        String keyFile = null;
        String output = null;
        String detached = null;
        String input = null;
        byte[] keyId = null;
        boolean noKeyId = false;
        boolean extensions = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--key":
                    keyFile = value(args, ++i, a, "sign");
                    break;
                case "-o": case "--output":
                    output = value(args, ++i, a, "sign");
                    break;
                case "--detached":
                    detached = value(args, ++i, a, "sign");
                    break;
                case "--key-id":
                    keyId = value(args, ++i, a, "sign").getBytes(StandardCharsets.UTF_8);
                    break;
                case "--no-key-id":
                    noKeyId = true;
                    break;
                case "--allow-extensions":
                    extensions = true;
                    break;
                default:
                    if (a.startsWith("-")) {
                        throw CliException.usage("unknown option " + a + " for sign (see weir help sign)");
                    }
                    if (input != null) {
                        throw CliException.usage("sign takes one module: weir sign --key KEY IN.wasm -o OUT.wasm");
                    }
                    input = a;
            }
        }
        if (keyFile == null || input == null || output == null && detached == null) {
            throw CliException.usage("sign needs a key, a module and an output: weir sign --key KEY IN.wasm -o OUT.wasm");
        }
        final String keyPath = keyFile;
        SecretSigningKey key = signatureCall(() -> SecretSigningKey.read(Paths.get(keyPath)), "sign --key");
        byte[] module = ModuleFiles.read(input);
        ModuleSigner signer = new ModuleSigner(key).allowExtensions(extensions);
        if (noKeyId) {
            signer.keyId(null);
        } else if (keyId != null) {
            signer.keyId(keyId);
        }
        String in = input;
        if (detached != null) {
            byte[][] result = signatureCall(() -> signer.signDetached(module), in);
            write(Paths.get(detached), result[1], "sign --detached");
            if (output != null) {
                write(Paths.get(output), result[0], "sign -o");
            }
        } else {
            write(Paths.get(output), signatureCall(() -> signer.sign(module), in), "sign -o");
        }
        return ExitStatus.OK;
    }

    static int verify(String[] args, PrintStream out) throws CliException {
        List<PublicSigningKey> keys = new ArrayList<>();
        String signature = null;
        String input = null;
        boolean allowCustom = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--key":
                    String file = value(args, ++i, a, "verify");
                    keys.add(signatureCall(() -> PublicSigningKey.read(Paths.get(file)), "verify --key"));
                    break;
                case "--signature":
                    signature = value(args, ++i, a, "verify");
                    break;
                case "--allow-custom-sections":
                    allowCustom = true;
                    break;
                default:
                    if (a.startsWith("-")) {
                        throw CliException.usage("unknown option " + a + " for verify (see weir help verify)");
                    }
                    if (input != null) {
                        throw CliException.usage("verify takes one module: weir verify --key PUB APP.wasm");
                    }
                    input = a;
            }
        }
        if (keys.isEmpty() || input == null) {
            throw CliException.usage("verify needs a public key and a module: weir verify --key PUB APP.wasm");
        }
        byte[] module = ModuleFiles.read(input);
        byte[] detached = signature == null ? null : ModuleFiles.read(signature);
        ModuleVerifier verifier = new ModuleVerifier(keys).allowUnsignedCustomSections(allowCustom);
        String in = input;
        ModuleVerifier.Result r = signatureCall(() -> verifier.verify(module, detached), in);
        StringBuilder sb = new StringBuilder(input).append(": signed by ");
        for (int i = 0; i < r.signers().size(); i++) {
            sb.append(i > 0 ? ", " : "").append(r.signers().get(i).fingerprint());
        }
        sb.append(r.complete() ? " (whole module)" : " (bytes up to " + r.signedEnd() + "; custom sections after it are not signed)");
        out.println(sb);
        return ExitStatus.OK;
    }

    private static String value(String[] args, int i, String option, String command) throws CliException {
        if (i >= args.length) {
            throw CliException.usage(option + " needs a value (see weir help " + command + ")");
        }
        return args[i];
    }

    interface SignatureCall<T> {
        T call() throws SignatureException;
    }

    /** Runs a trust call; its refusal becomes one line naming {@code what} and exit status DENIED (bad keys: USAGE). */
    static <T> T signatureCall(SignatureCall<T> call, String what) throws CliException {
        try {
            return call.call();
        } catch (SignatureException e) {
            int status;
            switch (e.reason()) {
                case BAD_KEY:
                    status = ExitStatus.USAGE;
                    break;
                case NO_ED25519:
                    status = ExitStatus.INTERNAL;
                    break;
                case MALFORMED_MODULE:
                    status = ExitStatus.MALFORMED;
                    break;
                default:
                    status = ExitStatus.DENIED;
            }
            throw new CliException(status, what + ": " + e.getMessage());
        }
    }

    private static void write(Path file, byte[] bytes, String what) throws CliException {
        try {
            Files.write(file, bytes);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, what + " " + file + ": cannot write it (" + e.getMessage() + ")");
        }
    }

    /** A secret key file readable and writable by its owner only (where the file system has POSIX permissions). */
    private static void writeSecret(Path file, byte[] bytes) throws CliException {
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException e) {
            throw new CliException(ExitStatus.USAGE, "keygen: " + file + " exists already; it is not overwritten");
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new CliException(ExitStatus.FILE_NOT_FOUND, "keygen " + file + ": cannot write it (" + e.getMessage() + ")");
        }
    }
}
