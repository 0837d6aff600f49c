/*
 * Call-heavy workload shaped like real code: an emulator of a small register machine with one C
 * function per opcode, dispatched through a table of function pointers (call_indirect in wasm),
 * and small helpers for operand decoding, memory access and flags (direct calls), as
 * interpreters, virtual machines and emulators are written. The guest program, assembled at run
 * time, fills 64 words with a pseudo-random sequence, bubble-sorts them and folds them into a
 * sum; n = how many times the program runs (about 34,000 guest instructions each).
 */
#include "bench.h"

enum { LI, MOV, ADD, ADDI, SUB, MUL, XOR, SHRI, LD, ST, CMP, JLT, JGT, JMP, HALT, OPCODES };

typedef struct {
    uint32_t r[8];
    uint32_t pc;
    int32_t flags; /* -1, 0 or 1: the last compare's result */
    uint32_t halted;
    uint32_t steps;
    uint32_t mem[64];
} cpu_t;

/* Instruction word: opcode (8 bits), register a (4), register b (4), immediate (16). */
static uint32_t program[64];

static NOINLINE uint32_t field_a(uint32_t insn) { return (insn >> 20) & 7; }
static NOINLINE uint32_t field_b(uint32_t insn) { return (insn >> 16) & 7; }
static NOINLINE uint32_t field_imm(uint32_t insn) { return insn & 0xFFFF; }
static NOINLINE uint32_t load_word(cpu_t *cpu, uint32_t address) { return cpu->mem[address & 63]; }
static NOINLINE void store_word(cpu_t *cpu, uint32_t address, uint32_t value) { cpu->mem[address & 63] = value; }
static NOINLINE void jump_if(cpu_t *cpu, int taken, uint32_t target) {
    if (taken) {
        cpu->pc = target;
    }
}

static NOINLINE void op_li(cpu_t *cpu, uint32_t insn) { cpu->r[field_a(insn)] = field_imm(insn); }
static NOINLINE void op_mov(cpu_t *cpu, uint32_t insn) { cpu->r[field_a(insn)] = cpu->r[field_b(insn)]; }
static NOINLINE void op_add(cpu_t *cpu, uint32_t insn) { cpu->r[field_a(insn)] += cpu->r[field_b(insn)]; }
static NOINLINE void op_addi(cpu_t *cpu, uint32_t insn) {
    cpu->r[field_a(insn)] += (uint32_t) (int32_t) (int16_t) field_imm(insn);
}
static NOINLINE void op_sub(cpu_t *cpu, uint32_t insn) { cpu->r[field_a(insn)] -= cpu->r[field_b(insn)]; }
static NOINLINE void op_mul(cpu_t *cpu, uint32_t insn) { cpu->r[field_a(insn)] *= cpu->r[field_b(insn)]; }
static NOINLINE void op_xor(cpu_t *cpu, uint32_t insn) { cpu->r[field_a(insn)] ^= cpu->r[field_b(insn)]; }
static NOINLINE void op_shri(cpu_t *cpu, uint32_t insn) { cpu->r[field_a(insn)] >>= field_imm(insn) & 31; }
static NOINLINE void op_ld(cpu_t *cpu, uint32_t insn) {
    cpu->r[field_a(insn)] = load_word(cpu, cpu->r[field_b(insn)] + field_imm(insn));
}
static NOINLINE void op_st(cpu_t *cpu, uint32_t insn) {
    store_word(cpu, cpu->r[field_b(insn)] + field_imm(insn), cpu->r[field_a(insn)]);
}
static NOINLINE void op_cmp(cpu_t *cpu, uint32_t insn) {
    uint32_t x = cpu->r[field_a(insn)];
    uint32_t y = cpu->r[field_b(insn)];
    cpu->flags = x < y ? -1 : (x > y ? 1 : 0);
}
static NOINLINE void op_jlt(cpu_t *cpu, uint32_t insn) { jump_if(cpu, cpu->flags < 0, field_imm(insn)); }
static NOINLINE void op_jgt(cpu_t *cpu, uint32_t insn) { jump_if(cpu, cpu->flags > 0, field_imm(insn)); }
static NOINLINE void op_jmp(cpu_t *cpu, uint32_t insn) { jump_if(cpu, 1, field_imm(insn)); }
static NOINLINE void op_halt(cpu_t *cpu, uint32_t insn) { cpu->halted = 1 + field_imm(insn); }

/* Not static and not const, so the compiler cannot turn the indirect calls into a switch. */
void (*handlers[OPCODES])(cpu_t *, uint32_t) = {
    op_li, op_mov, op_add, op_addi, op_sub, op_mul, op_xor, op_shri, op_ld, op_st, op_cmp, op_jlt, op_jgt,
    op_jmp, op_halt,
};

static uint32_t encode(uint32_t op, uint32_t a, uint32_t b, uint32_t imm) {
    return op << 24 | a << 20 | b << 16 | (imm & 0xFFFF);
}

/* Assembles the guest program; returns its length. */
static uint32_t assemble(void) {
    uint32_t at = 0;
    /* r1 = i, r2 = 64, r6 = 75, r0 = seed: the run's number (in r0 on entry) + 12345 */
    program[at++] = encode(LI, 1, 0, 0);
    program[at++] = encode(LI, 2, 0, 64);
    program[at++] = encode(LI, 6, 0, 75);
    program[at++] = encode(ADDI, 0, 0, 12345);
    uint32_t fill = at; /* mem[i] = (seed = seed * 75 + 74) >> 8 */
    program[at++] = encode(MUL, 0, 6, 0);
    program[at++] = encode(ADDI, 0, 0, 74);
    program[at++] = encode(MOV, 3, 0, 0);
    program[at++] = encode(SHRI, 3, 0, 8);
    program[at++] = encode(ST, 3, 1, 0);
    program[at++] = encode(ADDI, 1, 0, 1);
    program[at++] = encode(CMP, 1, 2, 0);
    program[at++] = encode(JLT, 0, 0, fill);
    /* Bubble sort: r7 = pass limit from 63 down; r1 = k from 0 to r7 */
    program[at++] = encode(LI, 7, 0, 63);
    uint32_t outer = at;
    program[at++] = encode(LI, 1, 0, 0);
    uint32_t inner = at;
    program[at++] = encode(LD, 3, 1, 0);
    program[at++] = encode(LD, 4, 1, 1);
    program[at++] = encode(CMP, 3, 4, 0);
    uint32_t skip_jump = at;
    program[at++] = 0; /* JLT over the swap, patched below */
    program[at++] = encode(ST, 4, 1, 0);
    program[at++] = encode(ST, 3, 1, 1);
    program[skip_jump] = encode(JLT, 0, 0, at);
    program[at++] = encode(ADDI, 1, 0, 1);
    program[at++] = encode(CMP, 1, 7, 0);
    program[at++] = encode(JLT, 0, 0, inner);
    program[at++] = encode(ADDI, 7, 0, -1);
    program[at++] = encode(LI, 5, 0, 0);
    program[at++] = encode(CMP, 7, 5, 0);
    program[at++] = encode(JGT, 0, 0, outer);
    /* r5 = fold of mem[0..63]: r5 = (r5 ^ mem[i]) * 75 */
    program[at++] = encode(LI, 1, 0, 0);
    uint32_t sum = at;
    program[at++] = encode(LD, 3, 1, 0);
    program[at++] = encode(XOR, 5, 3, 0);
    program[at++] = encode(MUL, 5, 6, 0);
    program[at++] = encode(ADDI, 1, 0, 1);
    program[at++] = encode(CMP, 1, 2, 0);
    program[at++] = encode(JLT, 0, 0, sum);
    program[at++] = encode(HALT, 0, 0, 0);
    return at;
}

static NOINLINE uint32_t fetch(cpu_t *cpu) { return program[cpu->pc++ & 63]; }

static NOINLINE void execute(cpu_t *cpu) {
    while (!cpu->halted) {
        uint32_t insn = fetch(cpu);
        handlers[(insn >> 24) % OPCODES](cpu, insn);
        cpu->steps++;
    }
}

uint32_t run(int32_t n) {
    int32_t runs = clamp_n(n, 1, 1 << 20);
    assemble();
    uint32_t h = FOLD_SEED;
    for (int32_t i = 0; i < runs; i++) {
        cpu_t cpu = {0};
        cpu.r[0] = (uint32_t) i;
        execute(&cpu);
        h = fold(h, cpu.r[5]);
        h = fold(h, cpu.steps);
        h = fold(h, cpu.mem[(uint32_t) i & 63]);
    }
    return h;
}
