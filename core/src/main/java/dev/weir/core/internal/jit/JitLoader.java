package dev.weir.core.internal.jit;


/**
 * Defines the classes {@link JitCompiler} generates for one module, and hands back an instance
 * of each without reflection: a generated class's static initializer creates its only instance
 * and passes it to {@link #register}, and loading the class with initialization runs it.
 *
 * <p>A function's class is generated when it is first loaded: by {@link #function} from the
 * interpreter, or by the JVM resolving a compiled caller's direct call to it ({@link #findClass}).
 * Both take this loader's lock, the one lock of the module's code generation.
 */
public final class JitLoader extends ClassLoader {
    private static final String BINARY_PACKAGE = JitCompiler.PACKAGE.replace('/', '.');

    /**
     * Set by tests only: the loader then refuses to define classes as a JVM without run-time
     * class definition does (Android, native images), so that the fallback can be tested.
     */
    static volatile boolean refuseForTesting;

    /** Tests simulate a JVM that refuses to define classes (Android, native images). */
    public static void refuseForTesting(boolean refuse) {
        refuseForTesting = refuse;
    }

    private final JitSource module;
    private final Object[] functions;
    private final Object[] loops;
    /** Functions whose class only hands them to the interpreter: too large for C2. */
    private final boolean[] tooLarge;

    public JitLoader(JitSource module, int definedFunctions, int loopRegions) {
        super(JitLoader.class.getClassLoader());
        this.module = module;
        this.functions = new Object[definedFunctions];
        this.loops = new Object[loopRegions];
        this.tooLarge = new boolean[definedFunctions];
    }

    /** Called by generated static initializers only: key is a defined index, or ~region for a loop. */
    public static void register(Object code, int key) {
        JitLoader loader = (JitLoader) code.getClass().getClassLoader();
        if (key >= 0) {
            loader.functions[key] = code;
        } else {
            loader.loops[~key] = code;
        }
    }

    /**
     * The compiled defined function (index among the defined ones), generated on first use, or
     * null if it runs in the interpreter (too large for C2).
     */
    public synchronized Object function(int definedIndex) {
        if (functions[definedIndex] == null) {
            initialize(BINARY_PACKAGE + "F" + definedIndex);
        }
        return tooLarge[definedIndex] ? null : functions[definedIndex];
    }

    /** The compiled loop region whose {@code JIT_LOOP} is at loopPc in the function at entry. */
    public synchronized Object loop(int entry, int loopPc) {
        int region = module.codeUnsafe()[loopPc + 2];
        if (loops[region] == null) {
            String name = BINARY_PACKAGE + "L" + region;
            define(name, JitCompiler.loopClass(module.codeUnsafe(), entry, loopPc, region));
            initialize(name);
        }
        return loops[region];
    }

    private void initialize(String name) {
        try {
            Class.forName(name, true, this);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("generated class " + name + " not found", e);
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (!name.startsWith(BINARY_PACKAGE + "F")) {
            throw new ClassNotFoundException(name);
        }
        int definedIndex = Integer.parseInt(name.substring(BINARY_PACKAGE.length() + 1));
        return define(name, JitCompiler.functionClass(module, definedIndex, tooLarge));
    }

    private Class<?> define(String name, byte[] classFile) {
        if (refuseForTesting) {
            throw new UnsupportedOperationException("can't load this type of class file");
        }
        return defineClass(name, classFile, 0, classFile.length);
    }
}
