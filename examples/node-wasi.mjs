// Runs a WASI preview1 command under Node's own WASI, with the same options as `weir run`, so the
// tests can compare weir's output against an independent implementation.
//
//   node --no-warnings examples/node-wasi.mjs [--dir HOST[::GUEST]] [--env K=V] APP.wasm [ARGS...]
//
// argv[0] of the program is APP.wasm as given (as weir passes it). Exit status: the program's
// exit code; 134 on a trap (as weir does), after "node-wasi: trap: MESSAGE" on stderr; 64 on a
// bad command line.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import process from 'node:process';

function usage(message) {
  process.stderr.write(`node-wasi: ${message}\n`);
  process.exit(64);
}

const argv = process.argv.slice(2);
const preopens = {};
const env = {};
let i = 0;
for (; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--') { i++; break; }
  if (!arg.startsWith('--')) break;
  const value = argv[++i];
  if (value === undefined) usage(`${arg} needs a value`);
  if (arg === '--dir') {
    // HOST[::GUEST]; a trailing :ro is accepted for symmetry with weir, but Node cannot enforce it.
    const spec = value.endsWith(':ro') ? value.slice(0, -3) : value;
    const sep = spec.indexOf('::');
    const host = sep < 0 ? spec : spec.slice(0, sep);
    const guest = sep < 0 ? spec : spec.slice(sep + 2);
    preopens[guest] = host;
  } else if (arg === '--env') {
    const eq = value.indexOf('=');
    if (eq <= 0) usage(`--env needs K=V, got ${value}`);
    env[value.slice(0, eq)] = value.slice(eq + 1);
  } else {
    usage(`unknown option ${arg}`);
  }
}
if (i >= argv.length) usage('no module given');
const app = argv[i];
const args = argv.slice(i);

const wasi = new WASI({ version: 'preview1', args, env, preopens, returnOnExit: true });
let code;
try {
  const module = await WebAssembly.compile(await readFile(app));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  code = wasi.start(instance);
} catch (e) {
  if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) {
    process.stderr.write(`node-wasi: trap: ${e.message}\n`);
    code = 134;
  } else {
    throw e;
  }
}
process.exitCode = code;
