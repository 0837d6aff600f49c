package dev.weir.core.internal.jit;

/**
 * Defines the classes {@link JitCompiler} generates for one module, and hands back an instance
 * of each without reflection: a generated class's static initializer creates its only instance
 * and passes it to {@link #register}, and {@link #define} runs that initializer.
 */
public final class JitLoader extends ClassLoader {
    private Object registered;

    public JitLoader() {
        super(JitLoader.class.getClassLoader());
    }

    /** Called by generated static initializers only. */
    public static void register(Object function) {
        ((JitLoader) function.getClass().getClassLoader()).registered = function;
    }

    /** Defines the class name (binary name, dots) from its class file and returns its instance. */
    synchronized Object define(String name, byte[] classFile) {
        defineClass(name, classFile, 0, classFile.length);
        try {
            Class.forName(name, true, this);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("generated class " + name + " not found after defining it", e);
        }
        Object function = registered;
        registered = null;
        return function;
    }
}
