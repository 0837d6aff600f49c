package dev.weir.core.internal.jit;

import java.util.HashMap;

/**
 * Writes one class file (JVM spec chapter 4) with a constant pool and methods, nothing else.
 * Version 49 (Java 5): the JVM verifies such classes by type inference, so the methods need no
 * stack map frames, which would take a data-flow pass of our own to compute.
 */
final class ClassFile {
    private static final int VERSION = 49;
    private static final int CONSTANT_UTF8 = 1;
    private static final int CONSTANT_INTEGER = 3;
    private static final int CONSTANT_LONG = 5;
    private static final int CONSTANT_CLASS = 7;
    private static final int CONSTANT_METHODREF = 10;
    private static final int CONSTANT_NAME_AND_TYPE = 12;

    private final Bytes pool = new Bytes(256);
    private final HashMap<String, Integer> poolIndex = new HashMap<String, Integer>();
    private int poolCount = 1;
    private final Bytes methods = new Bytes(1024);
    private int methodCount;

    /** The pool index of key's constant, or 0 when the pool has none yet. */
    private int known(String key) {
        Integer index = poolIndex.get(key);
        return index == null ? 0 : index;
    }

    /** Records that the constant just written to the pool, taking slots indexes, is key's. */
    private int added(String key, int slots) {
        int index = poolCount;
        poolCount += slots;
        poolIndex.put(key, index);
        return index;
    }

    /** A constant of two u2 references (b: one only when negative). */
    private int entry(String key, int tag, int a, int b) {
        int known = known(key);
        if (known != 0) {
            return known;
        }
        pool.u1(tag);
        pool.u2(a);
        if (b >= 0) {
            pool.u2(b);
        }
        return added(key, 1);
    }

    int utf8(String s) {
        int known = known("U" + s);
        if (known != 0) {
            return known;
        }
        pool.u1(CONSTANT_UTF8);
        // Only ASCII names and descriptors here, for which modified UTF-8 is the bytes themselves.
        pool.u2(s.length());
        for (int i = 0; i < s.length(); i++) {
            pool.u1(s.charAt(i));
        }
        return added("U" + s, 1);
    }

    int classRef(String internalName) {
        return entry("C" + internalName, CONSTANT_CLASS, utf8(internalName), -1);
    }

    int methodRef(String owner, String name, String descriptor) {
        int nameAndType = entry("N" + name + descriptor, CONSTANT_NAME_AND_TYPE, utf8(name), utf8(descriptor));
        return entry("M" + owner + "." + name + descriptor, CONSTANT_METHODREF, classRef(owner), nameAndType);
    }

    /** An int constant, for ldc_w. */
    int intConstant(int value) {
        int known = known("I" + value);
        if (known != 0) {
            return known;
        }
        pool.u1(CONSTANT_INTEGER);
        pool.u4(value);
        return added("I" + value, 1);
    }

    /** A long constant, for ldc2_w: it takes two pool entries. */
    int longConstant(long value) {
        int known = known("J" + value);
        if (known != 0) {
            return known;
        }
        pool.u1(CONSTANT_LONG);
        pool.u4((int) (value >>> 32));
        pool.u4((int) value);
        return added("J" + value, 2);
    }

    void method(int access, String name, String descriptor, int maxStack, int maxLocals, Bytes code) {
        method(access, name, descriptor, maxStack, maxLocals, code, 0, -1);
    }

    /**
     * A method; with handler >= 0, one handler at that position catches any Throwable thrown
     * in [handlerStart, handler).
     */
    void method(int access, String name, String descriptor, int maxStack, int maxLocals, Bytes code, int handlerStart,
            int handler) {
        methodCount++;
        methods.u2(access);
        methods.u2(utf8(name));
        methods.u2(utf8(descriptor));
        methods.u2(1);
        methods.u2(utf8("Code"));
        methods.u4(12 + code.size() + (handler >= 0 ? 8 : 0));
        methods.u2(maxStack);
        methods.u2(maxLocals);
        methods.u4(code.size());
        methods.append(code);
        if (handler >= 0) {
            methods.u2(1);
            methods.u2(handlerStart);
            methods.u2(handler);
            methods.u2(handler);
            methods.u2(0);
        } else {
            methods.u2(0);
        }
        // No attributes.
        methods.u2(0);
    }

    byte[] toBytes(int access, String name, String superName) {
        int thisClass = classRef(name);
        int superClass = classRef(superName);
        Bytes out = new Bytes(pool.size() + methods.size() + 32);
        out.u4(0xCAFEBABE);
        out.u2(0);
        out.u2(VERSION);
        out.u2(poolCount);
        out.append(pool);
        out.u2(access);
        out.u2(thisClass);
        out.u2(superClass);
        out.u2(0);
        out.u2(0);
        out.u2(methodCount);
        out.append(methods);
        out.u2(0);
        return out.toArray();
    }
}
