package dev.weir.board.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** weir keygen, sign, verify and run --trust, through the CLI entry point. */
class TrustCliTest {
    @TempDir
    Path dir;
    String hello;
    String whoami;

    @BeforeEach
    void setUp() throws Exception {
        hello = Cli.example("hello");
        Path w = dir.resolve("whoami.wasm");
        Files.copy(Paths.get(TrustCliTest.class.getResource("/trust/whoami.wasm").toURI()), w);
        whoami = w.toString();
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private void keygen(String name, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "keygen";
        System.arraycopy(options, 0, args, 1, options.length);
        args[args.length - 1] = p(name);
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.status, r.toString());
    }

    private void policy(String text) throws Exception {
        Files.write(dir.resolve("plant.trust"), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keygenSignVerifyAndRunASignedModule() throws Exception {
        keygen("acme");
        assertEquals(65, Files.size(dir.resolve("acme.sk")));
        assertEquals(33, Files.size(dir.resolve("acme.pk")));
        Cli.Result signed = Cli.run("sign", "--key", p("acme.sk"), hello, "-o", p("hello.wasm"));
        assertEquals(0, signed.status, signed.toString());
        Cli.Result verified = Cli.run("verify", "--key", p("acme.pk"), p("hello.wasm"));
        assertEquals(0, verified.status, verified.toString());
        assertTrue(verified.stdout.startsWith(p("hello.wasm") + ": signed by ed25519:"), verified.stdout);
        assertTrue(verified.stdout.endsWith("(whole module)\n"), verified.stdout);

        policy("signer acme acme.pk\n");
        Cli.Result run = Cli.run("run", "--trust", p("plant.trust"), p("hello.wasm"));
        assertEquals(0, run.status, run.toString());
        assertEquals(Cli.run("run", hello).stdout, run.stdout);
    }

    @Test
    void pemKeysWorkTheSameWay() throws Exception {
        keygen("acme", "--pem");
        assertTrue(new String(Files.readAllBytes(dir.resolve("acme.key")), StandardCharsets.US_ASCII).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals(0, Cli.run("sign", "--key", p("acme.key"), hello, "-o", p("hello.wasm")).status);
        assertEquals(0, Cli.run("verify", "--key", p("acme.pub"), p("hello.wasm")).status);
    }

    @Test
    void refusesUnsignedAlteredAndUntrustedModulesWithOneLine() throws Exception {
        keygen("acme");
        keygen("stranger");
        policy("signer acme acme.pk\n");
        Cli.Result unsigned = Cli.run("run", "--trust", p("plant.trust"), hello);
        assertEquals(ExitStatus.DENIED, unsigned.status);
        assertEquals("weir: refused " + hello + ": not signed: the module has no signature section first, and no detached"
                + " signature was given\n", unsigned.stderr);
        assertEquals("", unsigned.stdout);

        assertEquals(0, Cli.run("sign", "--key", p("acme.sk"), hello, "-o", p("hello.wasm")).status);
        byte[] bytes = Files.readAllBytes(dir.resolve("hello.wasm"));
        bytes[bytes.length - 3] ^= 0x20;
        Files.write(dir.resolve("altered.wasm"), bytes);
        Cli.Result altered = Cli.run("run", "--trust", p("plant.trust"), p("altered.wasm"));
        assertEquals(ExitStatus.DENIED, altered.status);
        assertTrue(altered.stderr.startsWith("weir: refused " + p("altered.wasm") + ": altered: part 1 of the module"), altered.stderr);
        assertEquals(1, altered.stderr.split("\n").length);

        assertEquals(0, Cli.run("sign", "--key", p("stranger.sk"), hello, "-o", p("stranger.wasm")).status);
        Cli.Result stranger = Cli.run("run", "--trust", p("plant.trust"), p("stranger.wasm"));
        assertEquals(ExitStatus.DENIED, stranger.status);
        assertTrue(stranger.stderr.startsWith("weir: refused " + p("stranger.wasm") + ": no valid signature by a trusted key"),
                stranger.stderr);
        Cli.Result verify = Cli.run("verify", "--key", p("acme.pk"), p("stranger.wasm"));
        assertEquals(ExitStatus.DENIED, verify.status);
        assertTrue(verify.stderr.startsWith("weir: " + p("stranger.wasm") + ": no valid signature"), verify.stderr);
    }

    @Test
    void partiallySignedModulesAreRefusedUnlessThePolicyAllowsCustomSections() throws Exception {
        keygen("acme");
        assertEquals(0, Cli.run("sign", "--allow-extensions", "--key", p("acme.sk"), hello, "-o", p("prefix.wasm")).status);
        byte[] prefix = Files.readAllBytes(dir.resolve("prefix.wasm"));
        byte[] extra = {0, 7, 5, 'n', 'o', 't', 'e', 's', '!'};
        byte[] extended = new byte[prefix.length + extra.length];
        System.arraycopy(prefix, 0, extended, 0, prefix.length);
        System.arraycopy(extra, 0, extended, prefix.length, extra.length);
        Files.write(dir.resolve("extended.wasm"), extended);
        policy("signer acme acme.pk\n");
        Cli.Result refused = Cli.run("run", "--trust", p("plant.trust"), p("extended.wasm"));
        assertEquals(ExitStatus.DENIED, refused.status);
        assertTrue(refused.stderr.startsWith("weir: refused " + p("extended.wasm") + ": partially signed: "), refused.stderr);
        policy("signer acme acme.pk\npartial allow-custom-sections\n");
        assertEquals(0, Cli.run("run", "--trust", p("plant.trust"), p("extended.wasm")).status);
    }

    @Test
    void detachedSignaturesBesideTheModule() throws Exception {
        keygen("acme");
        Files.copy(Paths.get(hello), dir.resolve("hello.wasm"));
        Cli.Result signed = Cli.run("sign", "--key", p("acme.sk"), "--detached", p("hello.wasm.sig"), p("hello.wasm"));
        assertEquals(0, signed.status, signed.toString());
        assertEquals(0, Cli.run("verify", "--key", p("acme.pk"), "--signature", p("hello.wasm.sig"), p("hello.wasm")).status);
        policy("signer acme acme.pk\n");
        assertEquals(0, Cli.run("run", "--trust", p("plant.trust"), p("hello.wasm")).status);
    }

    @Test
    void identityComesFromTheGrantAndOnlyTheSignerMayGiveIt() throws Exception {
        keygen("acme");
        keygen("rival");
        assertEquals(0, Cli.run("sign", "--key", p("acme.sk"), whoami, "-o", p("motion.wasm")).status);
        assertEquals(0, Cli.run("sign", "--key", p("rival.sk"), whoami, "-o", p("meter.wasm")).status);
        policy("signer acme acme.pk\nsigner rival rival.pk\n"
                + "allow acme identity spiffe://plant.example/line1/*\n"
                + "allow rival identity spiffe://plant.example/meters/m1\n");
        String motionId = "identity spiffe://plant.example/line1/gateway3/motion";
        Cli.Result run = Cli.run("run", "--trust", p("plant.trust"), "--grant", motionId, p("motion.wasm"));
        assertEquals(0, run.status, run.toString());
        assertEquals("spiffe://plant.example/line1/gateway3/motion", run.stdout);

        Cli.Result stolen = Cli.run("run", "--trust", p("plant.trust"), "--grant", motionId, p("meter.wasm"));
        assertEquals(ExitStatus.DENIED, stolen.status);
        assertEquals("weir: refused " + p("meter.wasm") + ": grant '" + motionId + "' (--grant '" + motionId
                + "') is not allowed for modules signed by rival in " + p("plant.trust") + "\n", stolen.stderr);

        assertEquals("no identity", Cli.run("run", whoami).stdout);
    }

    @Test
    void anSvidDirectoryIsLoadedAndValidatedBeforeTheRun() throws Exception {
        String id = "spiffe://plant.example/line1/gateway3/motion";
        dev.weir.trust.spiffe.TestCa ca = new dev.weir.trust.spiffe.TestCa("plant.example");
        ca.writeSvid(dir.resolve("svid"), ca.mint(ca.svid(id)));
        Cli.Result ok = Cli.run("run", "--grant", "identity " + id + " svid=" + p("svid"), whoami);
        assertEquals(0, ok.status, ok.toString());
        assertEquals(id, ok.stdout);

        dev.weir.trust.spiffe.TestCa.Leaf expired = ca.svid(id);
        expired.notBefore = System.currentTimeMillis() - 3 * dev.weir.trust.spiffe.TestCa.HOUR;
        expired.notAfter = System.currentTimeMillis() - dev.weir.trust.spiffe.TestCa.HOUR;
        ca.writeSvid(dir.resolve("expired"), ca.mint(expired));
        Cli.Result refused = Cli.run("run", "--grant", "identity " + id + " svid=" + p("expired"), whoami);
        assertEquals(ExitStatus.DENIED, refused.status);
        assertTrue(refused.stderr.startsWith("weir: identity " + id + ": " + p("expired/svid.pem") + ": the SVID expired at "), refused.stderr);
        assertEquals("", refused.stdout);

        Cli.Result missing = Cli.run("run", "--grant", "identity " + id + " svid=" + p("nowhere"), whoami);
        assertEquals(ExitStatus.DENIED, missing.status);
        assertTrue(missing.stderr.contains("no such file"), missing.stderr);
    }

    @Test
    void committedSignedExamplesAreTheExamplesSignedWithTheTestKey() throws Exception {
        Path trust = Cli.root().resolve("examples/trust");
        for (String name : new String[] {"hello", "button"}) {
            Path signed = trust.resolve(name + ".signed.wasm");
            Cli.Result verified = Cli.run("verify", "--key", trust.resolve("TEST-ONLY-demo.pk").toString(), signed.toString());
            assertEquals(0, verified.status, verified.toString());
            // Ed25519 is deterministic: signing the current example again gives the committed bytes.
            Cli.Result again = Cli.run("sign", "--key", trust.resolve("TEST-ONLY-demo.sk").toString(), Cli.example(name), "-o", p(name + ".wasm"));
            assertEquals(0, again.status, again.toString());
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(signed), Files.readAllBytes(dir.resolve(name + ".wasm"))),
                    signed + " is not " + name + ".wasm signed with the test key: re-sign it (examples/trust/README.md)");
        }
        Cli.Result run = Cli.run("run", "--trust", trust.resolve("demo.trust").toString(), trust.resolve("hello.signed.wasm").toString());
        assertEquals(0, run.status, run.toString());
    }

    @Test
    void helpAndUsageErrors() {
        assertTrue(Cli.run("help", "sign").stdout.startsWith("usage: weir sign --key KEY"));
        assertTrue(Cli.run("verify", "--help").stdout.startsWith("usage: weir verify"));
        Cli.Result r = Cli.run("sign", hello);
        assertEquals(ExitStatus.USAGE, r.status);
        assertEquals("weir: sign needs a key, a module and an output: weir sign --key KEY IN.wasm -o OUT.wasm\n", r.stderr);
        Cli.Result badKey = Cli.run("verify", "--key", hello, hello);
        assertEquals(ExitStatus.USAGE, badKey.status);
        assertTrue(badKey.stderr.startsWith("weir: verify --key: " + hello + ": not an Ed25519 public key"), badKey.stderr);
    }
}
