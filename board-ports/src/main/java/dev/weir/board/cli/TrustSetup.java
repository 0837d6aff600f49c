package dev.weir.board.cli;

import dev.weir.core.module.Module;
import dev.weir.core.runtime.Linker;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.GrantFile;
import dev.weir.hal.capability.GrantSyntaxException;
import dev.weir.hal.identity.IdentityGrant;
import dev.weir.hal.identity.IdentityHost;
import dev.weir.trust.TrustException;
import dev.weir.trust.TrustPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code weir run} does for trust and identity: with {@code --trust POLICY}, admits the module
 * (signature, signer, file name, every grant) before it is decoded; then gives the module its
 * identity grant, if any, through {@code weir:identity}.
 */
final class TrustSetup {
    private final IdentityGrant identity;

    private TrustSetup(IdentityGrant identity) {
        this.identity = identity;
    }

    /** Runs before the module is parsed: a refusal ends the run with one line and exit status DENIED. */
    static TrustSetup admit(RunOptions options, byte[] module) throws CliException {
        List<Grant> grants = readGrants(options.gpio);
        IdentityGrant identity = null;
        for (Grant g : grants) {
            if (g instanceof IdentityGrant) {
                if (identity != null) {
                    throw CliException.usage("grant: a module has one identity, but " + g.origin() + " gives a second");
                }
                identity = (IdentityGrant) g;
            }
        }
        if (options.trust != null) {
            try {
                TrustPolicy policy = TrustPolicy.read(Paths.get(options.trust));
                byte[] detached = null;
                if (!hasEmbeddedSignature(module) && Files.isRegularFile(Paths.get(options.app + ".sig"))) {
                    detached = ModuleFiles.read(options.app + ".sig");
                }
                policy.admit(options.app, module, detached).checkGrants(grants);
            } catch (TrustException e) {
                throw new CliException(ExitStatus.DENIED, e.getMessage());
            }
        }
        return new TrustSetup(identity);
    }

    /** Whether the module's first section is a custom section named "signature" (a cheap look, no decoding). */
    private static boolean hasEmbeddedSignature(byte[] m) {
        byte[] name = "signature".getBytes(StandardCharsets.US_ASCII);
        if (m.length < 8 + 2 + 1 + name.length || m[8] != 0) {
            return false;
        }
        int i = 9;
        while (i < m.length && (m[i] & 0x80) != 0) {
            i++;
        }
        i++;
        if (i + 1 + name.length > m.length || m[i] != name.length) {
            return false;
        }
        for (int k = 0; k < name.length; k++) {
            if (m[i + 1 + k] != name[k]) {
                return false;
            }
        }
        return true;
    }

    /** Defines weir:identity when the module imports it or has an identity grant. */
    void defineImports(Module module, Linker linker) {
        boolean imports = false;
        for (int i = 0; i < module.importCount(); i++) {
            imports |= IdentityHost.MODULE.equals(module.importAt(i).module());
        }
        if (imports || identity != null) {
            new IdentityHost(identity != null ? identity.id() : null).defineImports(linker);
        }
    }

    private static List<Grant> readGrants(GpioOptions options) throws CliException {
        GrantFile parser = CameraSetup.grantFile();
        List<Grant> list = new ArrayList<>();
        try {
            for (String file : options.grantFiles) {
                String text;
                try {
                    text = new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.UTF_8);
                } catch (NoSuchFileException e) {
                    throw new CliException(ExitStatus.FILE_NOT_FOUND, "--grants " + file + ": no such file");
                } catch (IOException | java.nio.file.InvalidPathException e) {
                    throw new CliException(ExitStatus.FILE_NOT_FOUND, "--grants " + file + ": cannot read it (" + e.getMessage() + ")");
                }
                list.addAll(parser.parse(text, file));
            }
            for (String line : options.grantLines) {
                Grant g = parser.parseLine(line, "--grant '" + line + "'");
                if (g != null) {
                    list.add(g);
                }
            }
        } catch (GrantSyntaxException e) {
            throw CliException.usage("grant: " + e.getMessage());
        }
        return list;
    }
}
