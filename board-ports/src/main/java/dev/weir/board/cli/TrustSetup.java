package dev.weir.board.cli;

import dev.weir.core.module.Module;
import dev.weir.core.Linker;
import dev.weir.hal.capability.Grant;
import dev.weir.hal.capability.GrantFile;
import dev.weir.hal.capability.GrantSyntaxException;
import dev.weir.hal.identity.IdentityGrant;
import dev.weir.hal.identity.IdentityHost;
import dev.weir.trust.TrustException;
import dev.weir.trust.TrustPolicy;
import dev.weir.trust.spiffe.SvidException;
import dev.weir.trust.spiffe.SvidFiles;
import dev.weir.trust.spiffe.X509Svid;
import java.io.PrintStream;
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
 * identity grant, if any, through {@code weir:identity}, and loads its X.509-SVID when the grant
 * names a directory ({@code svid=DIR}): an invalid one refuses the run, a rotation is picked up
 * while it runs.
 */
final class TrustSetup implements AutoCloseable {
    /** How often the SVID files are checked for a rotation while the module runs. */
    static final long SVID_POLL_MILLIS = 1000;

    private final IdentityGrant identity;
    private final SvidFiles svid;
    /** The rotation poll, started with the run (in defineImports, inside RunCommand's try) and stopped by close. */
    private AutoCloseable poll;

    private TrustSetup(IdentityGrant identity, SvidFiles svid) {
        this.identity = identity;
        this.svid = svid;
    }

    /**
     * The module's X.509-SVID (validated, reloaded on rotation), or null without {@code svid=DIR}.
     * A messaging link takes its TLS client context from it: {@code SvidSslContexts.client(svid(), null)}.
     */
    SvidFiles svid() {
        return svid;
    }

    @Override
    public void close() {
        if (poll != null) {
            try {
                poll.close();
            } catch (Exception e) {
                // stopping a timer thread does not fail
            }
        }
    }

    /** Runs before the module is parsed: a refusal ends the run with one line and exit status DENIED. */
    static TrustSetup admit(RunOptions options, byte[] module, final PrintStream diagnostics) throws CliException {
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
        if (identity == null || identity.svidDirectory() == null) {
            return new TrustSetup(identity, null);
        }
        final String id = identity.id().toString();
        SvidFiles files;
        try {
            files = SvidFiles.open(Paths.get(identity.svidDirectory()), identity.id());
        } catch (SvidException e) {
            throw new CliException(ExitStatus.DENIED, "identity " + id + ": " + e.getMessage());
        }
        files.addListener(new SvidFiles.Listener() {
            @Override
            public void rotated(X509Svid next) {
                diagnostics.println("weir: identity " + id + ": SVID rotated (serial " + next.leaf().getSerialNumber().toString(16)
                        + ", valid until " + next.leaf().getNotAfter().toInstant() + ")");
            }

            @Override
            public void rejected(String message) {
                diagnostics.println("weir: identity " + id + ": " + message);
            }
        });
        return new TrustSetup(identity, files);
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

    /** Defines what the module imports of weir:identity (its table refuses, in one line, what it lacks). */
    void defineImports(Module module, Linker linker) {
        new IdentityHost(identity != null ? identity.id() : null).defineImports(linker, module);
        if (svid != null && poll == null) {
            poll = svid.poll(SVID_POLL_MILLIS);
        }
    }

    private static List<Grant> readGrants(GpioOptions options) throws CliException {
        return GpioSetup.readGrants(options);
    }
}
