package dev.weir.core;

/**
 * How {@link Wasm#parse(byte[], CompileOptions)} compiles a module: every compile knob in one
 * place. Immutable; each {@code with} method returns a changed copy.
 *
 * <table>
 * <caption>The knobs, their defaults and the system properties that set the defaults</caption>
 * <tr><th>knob</th><th>default</th><th>system property</th><th>what it does</th></tr>
 * <tr><td>{@link #jit()}</td><td>{@link Jit#LOOPS}</td><td>{@code weir.jit} ({@code off},
 * {@code loops}, {@code all}, {@code leaves}, {@code deopt})</td><td>which code becomes JVM bytecode the first time it runs</td></tr>
 * <tr><td>{@link #foldLocals()}</td><td>true</td><td>{@code weir.compiler.foldLocals}</td>
 * <td>instructions read and write locals directly instead of through copies; both ways give
 * the same results (the spec suite runs both), folding is faster</td></tr>
 * <tr><td>{@link #metered()}</td><td>false</td><td>{@code weir.compiler.metered}</td>
 * <td>the code counts every executed wasm instruction against the store's fuel
 * ({@link Store#setFuel}), in both tiers, exactly</td></tr>
 * <tr><td>{@link #interruptible()}</td><td>false</td><td>none</td><td>unmetered code checks for
 * {@link Store#interrupt} at every function entry and loop label (metered code always does), at
 * about the cost of an empty fuel check there</td></tr>
 * </table>
 */
public final class CompileOptions {
    /** Which code runs as JVM bytecode (the JIT tier) rather than in weir's interpreter. */
    public enum Jit {
        /** Nothing: the interpreter runs everything (for JVMs that cannot define classes at run time). */
        OFF("off"),
        /** Loops that call nothing, in any function, and leaf functions with a loop: the default. */
        LOOPS("loops"),
        /** Every function and loop the JIT can take (for testing the JIT against the spec suite). */
        ALL("all"),
        /**
         * Only code that calls nothing: loops, and whole functions without a call. Checkpointable
         * runs use it ({@code weir run --checkpoint}): such code returns to the interpreter's driver,
         * where every safe point is, without a compiled frame left on the Java stack
         * (docs/checkpoint.md).
         */
        LEAVES("leaves"),
        /**
         * What {@link #LOOPS} compiles, with safe points in compiled functions: at a fuel slice's
         * end with a checkpoint asked for, or before a host call then, compiled frames hand their
         * state to the interpreter (deoptimization) and the checkpoint is taken there. Checkpointable
         * runs use it ({@code weir run --checkpoint}); without checkpoints it runs as {@link #LOOPS}
         * does, plus the arguments of each safe point's check (docs/checkpoint.md).
         */
        DEOPT("deopt");

        private final String option;

        Jit(String option) {
            this.option = option;
        }

        /** The name {@code weir.jit} takes: off, loops, all, leaves or deopt. */
        public String option() {
            return option;
        }

        /** The policy named by {@code weir.jit}'s value. */
        public static Jit of(String option) {
            for (Jit jit : values()) {
                if (jit.option.equals(option)) {
                    return jit;
                }
            }
            throw new IllegalArgumentException("weir.jit must be off, loops, all, leaves or deopt, not " + option);
        }
    }

    private final Jit jit;
    private final boolean foldLocals;
    private final boolean metered;
    private final boolean interruptible;

    private CompileOptions(Jit jit, boolean foldLocals, boolean metered, boolean interruptible) {
        this.jit = jit;
        this.foldLocals = foldLocals;
        this.metered = metered;
        this.interruptible = interruptible;
    }

    /**
     * The defaults, as the system properties in the class comment set them (read on each call).
     *
     * @throws IllegalArgumentException when {@code weir.jit} names no policy
     */
    public static CompileOptions defaults() {
        return new CompileOptions(Jit.of(System.getProperty("weir.jit", "loops")),
                !"false".equals(System.getProperty("weir.compiler.foldLocals")),
                "true".equals(System.getProperty("weir.compiler.metered")), false);
    }

    public CompileOptions withJit(Jit jit) {
        if (jit == null) {
            throw new IllegalArgumentException("jit policy must not be null");
        }
        return new CompileOptions(jit, foldLocals, metered, interruptible);
    }

    public CompileOptions withFoldLocals(boolean foldLocals) {
        return new CompileOptions(jit, foldLocals, metered, interruptible);
    }

    public CompileOptions withMetering(boolean metered) {
        return new CompileOptions(jit, foldLocals, metered, interruptible);
    }

    public CompileOptions withInterruptible(boolean interruptible) {
        return new CompileOptions(jit, foldLocals, metered, interruptible);
    }

    public Jit jit() {
        return jit;
    }

    public boolean foldLocals() {
        return foldLocals;
    }

    public boolean metered() {
        return metered;
    }

    public boolean interruptible() {
        return interruptible;
    }

    @Override
    public String toString() {
        return "jit=" + jit.option + " foldLocals=" + foldLocals + " metered=" + metered + " interruptible=" + interruptible;
    }
}
