// weir's host interfaces for the browser: WASI preview1, weir:gpio, weir:camera, weir:messaging and
// weir:identity, written to the
// same ABI as hal/wit/*.wit and hal/include/*.h, and enforcing the same grants as the board
// (hal/src/main/java/dev/weir/hal/gpio/GpioHost.java). Runs in the Web Worker that runs the module;
// blocking calls (sleep, wait-edge, a paced camera) wait with Atomics.wait on shared memory, which
// the page writes when the user presses a button.
'use strict';

// The interfaces' functions and their core-wasm signatures, as the WIT's ABI lines give them.
// hal's InterfaceDriftTest checks these against the WIT files, so they cannot drift.
const WEIR_INTERFACES = {
  'weir:identity': {
    'spiffe-id': 'i32 i32 -> i32',
  },
  'weir:gpio': {
    'get-digital-in': 'i32 i32 -> i32', 'get-digital-out': 'i32 i32 -> i32', 'set-state': 'i32 i32 -> i32',
    'toggle': 'i32 -> i32', 'read': 'i32 -> i32', 'get-pwm-out': 'i32 i32 -> i32', 'set-duty': 'i32 i32 -> i32',
    'set-frequency': 'i32 i32 -> i32', 'poll-edge': 'i32 -> i32', 'wait-edge': 'i32 i32 -> i32',
    'edges-lost': '-> i32', 'close': 'i32 -> i32',
  },
  'weir:messaging': {
    'open-link': 'i32 i32 -> i32', 'close': 'i32 -> i32', 'subscribe': 'i32 i32 i32 i32 -> i32',
    'publish': 'i32 i32 i32 i32 i32 i32 i32 i32 -> i32',
    'receive': 'i32 i32 i32 i32 i32 i32 i32 -> i32', 'messages-lost': 'i32 -> i32', 'status': 'i32 -> i32',
  },
  'weir:camera': {
    'open': 'i32 i32 i32 i32 i32 -> i32', 'capture': 'i32 i32 i32 i32 -> i32', 'frame-size': 'i32 -> i32',
    'close': 'i32 -> i32',
  },
};

// Shared memory between the page and the worker (Int32 cells).
const SHARED = {
  EDGES_WRITTEN: 0,   // edge events the page has written into the ring, ever
  NEVER: 1,           // stays 0: sleeping waits on it
  LEVELS: 2,          // 64 cells: the level the page drives on each input pin
  RING: 66,           // 256 events of 3 cells: pin, edge (1 rising, 2 falling), time in ms since start (int)
  RING_SIZE: 256,
  // Messages from a broker (the page's MQTT client writes them into MAILBOX's slots):
  MSG_WRITTEN: 834,   // messages written into the mailbox, ever
  MSG_READ: 835,      // messages the worker has taken out of it, ever
  LINK_STATE: 836,    // 16 cells: 1 while link slot i is connected to its broker
  LINK_PENDING: 852,  // 16 cells: messages of link slot i written and not yet received by the module
  LINK_LOST: 868,     // 16 cells: messages of link slot i dropped because its inbox was full
  FRAME_READY: 884,   // a camera frame from the page (video, webcam): 0 asked, 1 ready in FRAMES, 2 end, 3 error
  CELLS: 885,
};
// The mailbox: a second shared buffer of SLOTS slots; each a 16-byte header (i32 link slot, topic
// length, data length, flags) then the topic and the data.
const MAILBOX = {SLOTS: 32, SLOT_SIZE: 65536, BYTES: 32 * 65536};
// The frame buffer (a third shared buffer) where the page writes a frame of a video or webcam: room
// for the largest frame a camera grant allows, in rgb24.
const frameBytes = (config) => Math.max(1, ...config.camera.map((g) => g.maxWidth * g.maxHeight * 3));

const GPIO_ERR = {HARDWARE_FAULT: 1, ALREADY_IN_USE: 2, PIN_NOT_ALLOWED: 3, PIN_MODE_NOT_ALLOWED: 4,
  UNDEFINED_PIN: 5, PIN_MODE_NOT_AVAILABLE: 6, WOULD_BLOCK: 7, OPERATION_NOT_SUPPORTED: 8, BAD_HANDLE: 9,
  REVOKED: 10, INVALID_ARGUMENT: 11, NO_SPACE: 12};
const GPIO_ERR_NAMES = ['', 'hardware-fault', 'already-in-use', 'pin-not-allowed', 'pin-mode-not-allowed',
  'undefined-pin', 'pin-mode-not-available', 'would-block', 'operation-not-supported', 'bad-handle', 'revoked',
  'invalid-argument', 'no-space'];
const FLAG = {ACTIVE_HIGH: 1, ACTIVE_LOW: 2, PULL_UP: 4, PULL_DOWN: 8, EDGE_RISING: 16, EDGE_FALLING: 32};
const MAX_HANDLES = 16;
// A message payload's preview, as weir run --inspect sends it: its first 64 bytes, each byte that is
// not printable ASCII as '.', and '...' when cut.
function payloadPreview(data) {
  let s = '';
  for (let i = 0; i < Math.min(64, data.length); i++) s += data[i] >= 0x20 && data[i] < 0x7F ? String.fromCharCode(data[i]) : '.';
  return data.length > 64 ? s + '...' : s;
}

class ExitSignal {
  constructor(code) { this.code = code; }
}

function makeHosts(config, shared, post, mailbox, frames) {
  const ctl = new Int32Array(shared);
  // Times count from the page's start of the run, in both the page and the worker.
  const nowMs = () => performance.timeOrigin + performance.now() - config.startedAt;
  let memory = null;
  const view = () => new DataView(memory.buffer);
  const bytes = () => new Uint8Array(memory.buffer);
  const utf8 = new TextEncoder();
  const text = new TextDecoder();
  const unsupported = new Set();

  function sleep(ms) {
    if (ms > 0) Atomics.wait(ctl, SHARED.NEVER, 0, ms);
  }

  // ---- WASI preview1 -------------------------------------------------------------------------
  const E = {SUCCESS: 0, BADF: 8, EXIST: 20, INVAL: 28, ISDIR: 31, NOENT: 44, NOSYS: 52, NOTDIR: 54,
    NOTSOCK: 57, SPIPE: 70, NOTCAPABLE: 76};
  const args = config.args.map((a) => utf8.encode(a + '\0'));
  const env = config.env.map((a) => utf8.encode(a + '\0'));
  // Descriptors: 0..2 stdio, then preopens (an in-memory directory tree), then opened files.
  const files = new Map();   // path -> Uint8Array
  for (const [path, content] of Object.entries(config.files || {})) files.set(path, Uint8Array.from(atob(content), (c) => c.charCodeAt(0)));
  const fds = [{kind: 'stdin'}, {kind: 'stdout'}, {kind: 'stderr'}];
  for (const dir of config.preopens || []) fds.push({kind: 'dir', path: dir.guest, readOnly: dir.readOnly});

  function strings(list, ptrs, buf) {
    const v = view(); const b = bytes();
    for (const s of list) { v.setUint32(ptrs, buf, true); b.set(s, buf); ptrs += 4; buf += s.length; }
    return E.SUCCESS;
  }
  function sizes(list, count, size) {
    const v = view();
    v.setUint32(count, list.length, true);
    v.setUint32(size, list.reduce((n, s) => n + s.length, 0), true);
    return E.SUCCESS;
  }
  function iovecs(iovs, n) {
    const v = view(); const out = [];
    for (let i = 0; i < n; i++) out.push([v.getUint32(iovs + 8 * i, true), v.getUint32(iovs + 8 * i + 4, true)]);
    return out;
  }
  function resolve(dirFd, ptr, len) {
    const d = fds[dirFd];
    if (!d || d.kind !== 'dir') return null;
    const rel = text.decode(bytes().slice(ptr, ptr + len));
    const parts = [];
    for (const p of (d.path.replace(/\/$/, '') + '/' + rel).split('/')) {
      if (p === '' || p === '.') continue;
      if (p === '..') { if (parts.length === 0) return null; parts.pop(); } else parts.push(p);
    }
    const full = '/' + parts.join('/');
    const root = d.path === '/' ? '/' : d.path.replace(/\/$/, '');
    return full === root || full.startsWith(root === '/' ? '/' : root + '/') ? full : null;
  }
  function filestat(ptr, type, size) {
    const v = view();
    for (let i = 0; i < 64; i += 8) v.setBigUint64(ptr + i, 0n, true);
    v.setUint8(ptr + 16, type);
    v.setBigUint64(ptr + 24, 1n, true);
    v.setBigUint64(ptr + 32, BigInt(size), true);
  }

  const wasi = {
    args_get: (argv, buf) => strings(args, argv, buf),
    args_sizes_get: (count, size) => sizes(args, count, size),
    environ_get: (envp, buf) => strings(env, envp, buf),
    environ_sizes_get: (count, size) => sizes(env, count, size),
    clock_res_get: (id, ptr) => { view().setBigUint64(ptr, 1000n, true); return E.SUCCESS; },
    clock_time_get: (id, precision, ptr) => {
      const ns = id === 0 ? BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6))
        : BigInt(Math.round(performance.now() * 1e6));
      view().setBigUint64(ptr, ns, true);
      return E.SUCCESS;
    },
    random_get: (buf, len) => {
      const b = bytes();
      for (let at = 0; at < len; at += 65536) crypto.getRandomValues(b.subarray(buf + at, buf + Math.min(len, at + 65536)));
      return E.SUCCESS;
    },
    sched_yield: () => E.SUCCESS,
    proc_exit: (code) => { throw new ExitSignal(code); },
    fd_write: (fd, iovs, n, written) => {
      const d = fds[fd];
      if (!d) return E.BADF;
      let total = 0;
      const chunks = [];
      for (const [ptr, len] of iovecs(iovs, n)) { chunks.push(bytes().slice(ptr, ptr + len)); total += len; }
      if (d.kind === 'stdout' || d.kind === 'stderr') {
        post({type: d.kind, text: text.decode(concat(chunks))});
      } else if (d.kind === 'file') {
        if (d.readOnly) return E.BADF;
        let data = files.get(d.path);
        const all = concat(chunks);
        const end = d.pos + all.length;
        if (end > data.length) { const grown = new Uint8Array(end); grown.set(data); data = grown; }
        data.set(all, d.pos); d.pos = end; files.set(d.path, data);
        post({type: 'file', path: d.path, size: data.length});
      } else return E.BADF;
      view().setUint32(written, total, true);
      return E.SUCCESS;
    },
    fd_read: (fd, iovs, n, read) => {
      const d = fds[fd];
      if (!d) return E.BADF;
      let total = 0;
      if (d.kind === 'file') {
        const data = files.get(d.path);
        for (const [ptr, len] of iovecs(iovs, n)) {
          const part = data.subarray(d.pos, Math.min(data.length, d.pos + len));
          bytes().set(part, ptr); d.pos += part.length; total += part.length;
          if (part.length < len) break;
        }
      } else if (d.kind !== 'stdin') return E.BADF;
      view().setUint32(read, total, true);
      return E.SUCCESS;
    },
    fd_close: (fd) => { if (!fds[fd]) return E.BADF; fds[fd] = undefined; return E.SUCCESS; },
    fd_seek: (fd, offset, whence, result) => {
      const d = fds[fd];
      if (!d) return E.BADF;
      if (d.kind !== 'file') return E.SPIPE;
      const base = whence === 0 ? 0 : whence === 1 ? d.pos : files.get(d.path).length;
      const pos = base + Number(offset);
      if (pos < 0) return E.INVAL;
      d.pos = pos;
      view().setBigUint64(result, BigInt(pos), true);
      return E.SUCCESS;
    },
    fd_fdstat_get: (fd, ptr) => {
      const d = fds[fd];
      if (!d) return E.BADF;
      const v = view();
      v.setUint8(ptr, d.kind === 'dir' ? 3 : d.kind === 'file' ? 4 : 2);
      v.setUint16(ptr + 2, 0, true);
      v.setBigUint64(ptr + 8, 0xFFFFFFFFn, true);
      v.setBigUint64(ptr + 16, 0xFFFFFFFFn, true);
      return E.SUCCESS;
    },
    fd_filestat_get: (fd, ptr) => {
      const d = fds[fd];
      if (!d) return E.BADF;
      filestat(ptr, d.kind === 'dir' ? 3 : d.kind === 'file' ? 4 : 2, d.kind === 'file' ? files.get(d.path).length : 0);
      return E.SUCCESS;
    },
    fd_prestat_get: (fd, ptr) => {
      const d = fds[fd];
      if (!d) return E.BADF;
      if (d.kind !== 'dir') return E.BADF;
      view().setUint8(ptr, 0);
      view().setUint32(ptr + 4, utf8.encode(d.path).length, true);
      return E.SUCCESS;
    },
    fd_prestat_dir_name: (fd, ptr, len) => {
      const d = fds[fd];
      if (!d || d.kind !== 'dir') return E.BADF;
      bytes().set(utf8.encode(d.path).subarray(0, len), ptr);
      return E.SUCCESS;
    },
    path_open: (dirFd, dirflags, ptr, len, oflags, rightsBase, rightsInheriting, fdflags, result) => {
      const path = resolve(dirFd, ptr, len);
      if (path === null) return fds[dirFd] ? E.NOTCAPABLE : E.BADF;
      const create = (oflags & 1) !== 0; const directory = (oflags & 2) !== 0;
      const exclusive = (oflags & 4) !== 0; const truncate = (oflags & 8) !== 0;
      const isDir = [...files.keys()].some((p) => p.startsWith(path + '/'));
      if (isDir || directory) {
        if (!isDir) return E.NOTDIR;
        fds.push({kind: 'dir', path: path, readOnly: fds[dirFd].readOnly});
      } else {
        if (!files.has(path)) {
          if (!create) return E.NOENT;
          if (fds[dirFd].readOnly) return E.NOTCAPABLE;
          files.set(path, new Uint8Array(0));
        } else if (exclusive && create) return E.EXIST;
        if (truncate) files.set(path, new Uint8Array(0));
        fds.push({kind: 'file', path: path, pos: 0, readOnly: fds[dirFd].readOnly});
      }
      view().setUint32(result, fds.length - 1, true);
      return E.SUCCESS;
    },
    path_filestat_get: (dirFd, flags, ptr, len, out) => {
      const path = resolve(dirFd, ptr, len);
      if (path === null) return fds[dirFd] ? E.NOTCAPABLE : E.BADF;
      if (files.has(path)) { filestat(out, 4, files.get(path).length); return E.SUCCESS; }
      if ([...files.keys()].some((p) => p.startsWith(path + '/')) || path === fds[dirFd].path) { filestat(out, 3, 0); return E.SUCCESS; }
      return E.NOENT;
    },
    poll_oneoff: (subs, events, n, count) => {
      const v = view();
      let wait = Infinity;
      for (let i = 0; i < n; i++) {
        const s = subs + 48 * i;
        if (v.getUint8(s + 8) !== 0) continue;
        const timeout = Number(v.getBigUint64(s + 24, true)) / 1e6;
        const absolute = (v.getUint16(s + 40, true) & 1) !== 0;
        wait = Math.min(wait, absolute ? timeout - (performance.timeOrigin + performance.now()) : timeout);
      }
      if (wait !== Infinity) sleep(wait);
      let written = 0;
      for (let i = 0; i < n; i++) {
        const s = subs + 48 * i; const e = events + 32 * written;
        v.setBigUint64(e, v.getBigUint64(s, true), true);
        const tag = v.getUint8(s + 8);
        v.setUint16(e + 8, tag === 0 ? 0 : E.BADF, true);
        v.setUint8(e + 10, tag);
        v.setBigUint64(e + 16, 0n, true);
        v.setUint16(e + 24, 0, true);
        written++;
      }
      v.setUint32(count, written, true);
      return E.SUCCESS;
    },
    sock_accept: () => E.NOTSOCK, sock_recv: () => E.NOTSOCK, sock_send: () => E.NOTSOCK,
    sock_shutdown: () => E.NOTSOCK,
  };
  function concat(chunks) {
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) { out.set(c, at); at += c.length; }
    return out;
  }

  // ---- weir:gpio -----------------------------------------------------------------------------
  const boardPins = new Map(config.board.pins.map((p) => [p.bcm, p]));
  const slots = [];   // {pin, mode, activeLow, level, edges, duty, hz}
  let nextGeneration = 1;
  let edgesRead = 0;
  let edgesLost = 0;
  function handleOf(i) { return (slots[i].generation << 8) | i; }
  function slotOf(handle, fn) {
    const i = handle & 0xFF;
    if (handle < 0 || i >= MAX_HANDLES || !slots[i] || handleOf(i) !== handle) {
      return -deny(GPIO_ERR.BAD_HANDLE, fn + ' on handle ' + handle, 'not an open handle of this module');
    }
    return i;
  }
  function deny(error, request, reason) {
    post({type: 'denied', capability: 'gpio', request: request, reason: reason + ' (' + GPIO_ERR_NAMES[error] + ')',
      pin: /GPIO (\d+)/.test(request) ? Number(/GPIO (\d+)/.exec(request)[1]) : -1});
    return error;
  }
  function find(wanted, bcm, pull, edges, hz, request) {
    const bp = boardPins.get(bcm);
    if (!bp) return -deny(GPIO_ERR.UNDEFINED_PIN, request, 'the ' + config.board.name + ' board has no GPIO ' + bcm);
    if (wanted === 'pwm' && !bp.pwm) return -deny(GPIO_ERR.PIN_MODE_NOT_AVAILABLE, request, 'GPIO ' + bcm + ' cannot do pwm on ' + config.board.name);
    let mismatch = null;
    for (const g of config.gpio) {
      if (g.pin !== bcm) continue;
      let why = null;
      if (g.mode !== wanted) why = 'granted only as ' + g.text;
      else if (wanted === 'input' && pull >= 0 && pull !== g.pull) why = 'the grant fixes ' + g.text.substring(g.text.indexOf('pull='));
      else if (wanted === 'input' && (edges & ~g.edges) !== 0) why = 'the grant allows edge=' + ['none', 'rising', 'falling', 'both'][g.edges];
      else if (wanted === 'pwm' && (hz < g.minHz || hz > g.maxHz)) why = 'the grant allows ' + g.minHz + '..' + g.maxHz + ' Hz';
      if (why === null) {
        if (slots.some((s) => s && s.pin === bcm)) return -deny(GPIO_ERR.ALREADY_IN_USE, request, 'GPIO ' + bcm + ' is already open');
        return g;
      }
      mismatch = mismatch || why;
    }
    return mismatch === null ? -deny(GPIO_ERR.PIN_NOT_ALLOWED, request, 'no grant names GPIO ' + bcm)
      : -deny(GPIO_ERR.PIN_MODE_NOT_ALLOWED, request, mismatch);
  }
  function open(slot) {
    const i = slots.findIndex((s, k) => k < MAX_HANDLES && !s);
    const at = i >= 0 ? i : slots.length < MAX_HANDLES ? slots.length : -1;
    if (at < 0) return -GPIO_ERR.NO_SPACE;
    slot.generation = nextGeneration++ & 0x7FFFFF || nextGeneration++;
    slots[at] = slot;
    return handleOf(at);
  }
  function drive(slot, level) {
    if (slot.level !== level) {
      slot.level = level;
      post({type: 'pin', pin: slot.pin, level: level, ms: Math.floor(nowMs())});
    }
  }
  function badFlags(flags, allowed) {
    return (flags & ~allowed) !== 0 || (flags & 12) === 12 || (flags & 3) === 3;
  }
  const gpio = {
    'get-digital-in': (bcm, flags) => {
      if (badFlags(flags, 63)) return -deny(GPIO_ERR.INVALID_ARGUMENT, 'input on GPIO ' + bcm, 'flags 0x' + flags.toString(16) + ' are not valid');
      const pull = flags & FLAG.PULL_UP ? 1 : flags & FLAG.PULL_DOWN ? 2 : -1;
      const edges = (flags & FLAG.EDGE_RISING ? 1 : 0) | (flags & FLAG.EDGE_FALLING ? 2 : 0);
      const g = find('input', bcm, pull, edges, 0, 'input on GPIO ' + bcm);
      if (typeof g === 'number') return g;
      post({type: 'open', pin: bcm, mode: 'input'});
      return open({pin: bcm, mode: 'input', activeLow: flags & FLAG.ACTIVE_LOW ? 1 : 0, edges: edges});
    },
    'get-digital-out': (bcm, flags) => {
      if (badFlags(flags, 3)) return -deny(GPIO_ERR.INVALID_ARGUMENT, 'output on GPIO ' + bcm, 'flags 0x' + flags.toString(16) + ' are not valid');
      const g = find('output', bcm, -1, 0, 0, 'output on GPIO ' + bcm);
      if (typeof g === 'number') return g;
      const slot = {pin: bcm, mode: 'output', activeLow: flags & FLAG.ACTIVE_LOW ? 1 : 0, level: -1, shutdown: g.shutdown};
      const h = open(slot);
      if (h >= 0) { post({type: 'open', pin: bcm, mode: 'output'}); drive(slot, g.initial); }
      return h;
    },
    'set-state': (h, state) => {
      const i = slotOf(h, 'set-state'); if (i < 0) return i;
      const s = slots[i];
      if (s.mode !== 'output') return -GPIO_ERR.OPERATION_NOT_SUPPORTED;
      if (state !== 0 && state !== 1) return -GPIO_ERR.INVALID_ARGUMENT;
      drive(s, state ^ s.activeLow);
      return 0;
    },
    'toggle': (h) => {
      const i = slotOf(h, 'toggle'); if (i < 0) return i;
      const s = slots[i];
      if (s.mode !== 'output') return -GPIO_ERR.OPERATION_NOT_SUPPORTED;
      drive(s, s.level ^ 1);
      return 0;
    },
    'read': (h) => {
      const i = slotOf(h, 'read'); if (i < 0) return i;
      const s = slots[i];
      if (s.mode === 'pwm') return -GPIO_ERR.OPERATION_NOT_SUPPORTED;
      const level = s.mode === 'output' ? s.level : Atomics.load(ctl, SHARED.LEVELS + s.pin);
      return level ^ s.activeLow;
    },
    'get-pwm-out': (bcm, hz) => {
      const g = find('pwm', bcm, -1, 0, hz, 'pwm on GPIO ' + bcm + ' at ' + hz + ' Hz');
      if (typeof g === 'number') return g;
      post({type: 'open', pin: bcm, mode: 'pwm'});
      return open({pin: bcm, mode: 'pwm', duty: 0, hz: hz, grant: g});
    },
    'set-duty': (h, duty) => {
      const i = slotOf(h, 'set-duty'); if (i < 0) return i;
      const s = slots[i];
      if (s.mode !== 'pwm') return -GPIO_ERR.OPERATION_NOT_SUPPORTED;
      if (duty < 0 || duty > 10000) return -GPIO_ERR.INVALID_ARGUMENT;
      if (s.duty !== duty) { s.duty = duty; post({type: 'pwm', pin: s.pin, duty: duty, ms: Math.floor(nowMs())}); }
      return 0;
    },
    'set-frequency': (h, hz) => {
      const i = slotOf(h, 'set-frequency'); if (i < 0) return i;
      const s = slots[i];
      if (s.mode !== 'pwm') return -GPIO_ERR.OPERATION_NOT_SUPPORTED;
      if (hz < s.grant.minHz || hz > s.grant.maxHz) {
        return -deny(GPIO_ERR.PIN_MODE_NOT_ALLOWED, 'pwm on GPIO ' + s.pin + ' at ' + hz + ' Hz', 'the grant allows ' + s.grant.minHz + '..' + s.grant.maxHz + ' Hz');
      }
      s.hz = hz;
      return 0;
    },
    'poll-edge': (ptr) => nextEdge(ptr, 0),
    'wait-edge': (ptr, timeout) => nextEdge(ptr, timeout < 0 ? Infinity : timeout),
    'edges-lost': () => { const n = edgesLost; edgesLost = 0; return n; },
    'close': (h) => {
      const i = slotOf(h, 'close'); if (i < 0) return i;
      const s = slots[i];
      if (s.mode === 'output') drive(s, s.shutdown);
      if (s.mode === 'pwm' && s.duty !== 0) post({type: 'pwm', pin: s.pin, duty: 0, ms: Math.floor(nowMs())});
      slots[i] = undefined;
      post({type: 'close', pin: s.pin});
      return 0;
    },
  };
  // The oldest edge event of an input opened with that edge, written at ptr: 1, or 0 after timeout ms.
  function nextEdge(ptr, timeout) {
    const deadline = nowMs() + timeout;
    for (;;) {
      const written = Atomics.load(ctl, SHARED.EDGES_WRITTEN);
      if (written - edgesRead > SHARED.RING_SIZE) { edgesLost += written - edgesRead - SHARED.RING_SIZE; edgesRead = written - SHARED.RING_SIZE; }
      while (edgesRead < written) {
        const at = SHARED.RING + 3 * (edgesRead++ % SHARED.RING_SIZE);
        const pin = ctl[at]; const edge = ctl[at + 1]; const ms = ctl[at + 2];
        const i = slots.findIndex((s) => s && s.pin === pin && s.mode === 'input' && (s.edges & edge) !== 0);
        if (i < 0) continue;
        const v = view();
        v.setInt32(ptr, handleOf(i), true);
        v.setInt32(ptr + 4, edge, true);
        v.setBigUint64(ptr + 8, BigInt(ms) * 1000000n, true);
        return 1;
      }
      const left = deadline - nowMs();
      if (left <= 0) return 0;
      Atomics.wait(ctl, SHARED.EDGES_WRITTEN, written, left === Infinity ? undefined : left);
    }
  }
  function shutdown() {
    for (let i = 0; i < slots.length; i++) {
      if (slots[i]) gpio.close(handleOf(i));
    }
  }

  // ---- weir:camera: the host board's synthetic camera, frame for frame; or the page's video -----
  // (weir debug --video FILE, --camera pick: a file the user picks, --camera webcam), whose frames
  // the page draws at the size asked for and converts to the format asked for.
  // hal/wit/camera.wit's camera-error cases, numbered from 1 as the ABI returns them negated.
  const CAM_ERR = {NOT_ALLOWED: 1, MODE_NOT_ALLOWED: 2, NO_SUCH_CAMERA: 3, BAD_HANDLE: 6, INVALID_ARGUMENT: 8, END_OF_STREAM: 11,
    IO_ERROR: 14};
  const cameras = [];
  function noise(x, y, n) {
    let k = Math.imul(x, 0x9E3779B1) ^ Math.imul(y, 0x85EBCA77) ^ Math.imul(n, 0xC2B2AE3D);
    k ^= k >>> 15;
    k = Math.imul(k, 0x2C1B3C6D);
    k ^= k >>> 12;
    const r = (k >>> 8) & 7;
    return r - 3 - ((r / 7) | 0);
  }
  function stepsUpTo(n) {
    const m = config.synthetic.moves; let steps = 0;
    for (let i = 0; i < m.length; i += 2) { const last = Math.min(m[i + 1], n); if (last >= m[i]) steps += last - m[i] + 1; }
    return steps;
  }
  function draw(c, n, dest) {
    const w = c.width, h = c.height;
    const size = Math.max(2, (h / 6) | 0), speed = Math.max(1, (w / 80) | 0), span = Math.max(1, w - size);
    const travel = (stepsUpTo(n) * speed) % (2 * span);
    const ox = travel <= span ? travel : 2 * span - travel, oy = ((h - size) / 2) | 0;
    const px = c.format === 2 ? 3 : 1;
    let p = 0;
    for (let y = 0; y < h; y++) {
      const inRows = y >= oy && y < oy + size; const rowBase = 40 + ((y * 32 / h) | 0);
      for (let x = 0; x < w; x++) {
        let v = inRows && x >= ox && x < ox + size ? 220 : rowBase + ((x * 64 / w) | 0);
        v = (v + noise(x, y, n)) & 0xFF;
        for (let k = 0; k < px; k++) dest[p++] = v;
      }
    }
    if (c.format === 1) dest.fill(128, p, p + (w >> 1) * (h >> 1) * 2);
  }
  function frameSize(c) { return c.format === 1 ? c.width * c.height * 3 / 2 : c.width * c.height * (c.format === 2 ? 3 : 1); }
  const camera = {
    'open': (id, width, height, format, fps) => {
      const request = 'camera ' + id + ' at ' + width + 'x' + height + ' ' + ['gray8', 'yuv420', 'rgb24'][format] + ' ' + fps + ' fps';
      if (width <= 0 || height <= 0 || format < 0 || format > 2 || fps <= 0 || (format === 1 && (width % 2 || height % 2))) return -CAM_ERR.INVALID_ARGUMENT;
      const grant = config.camera.find((g) => g.id === id);
      if (!grant) { post({type: 'denied', capability: 'camera', request: request, reason: 'no grant names camera ' + id + ' (not-allowed)', pin: -1}); return -CAM_ERR.NOT_ALLOWED; }
      if (id !== 0) return -CAM_ERR.NO_SUCH_CAMERA;
      if (width > grant.maxWidth || height > grant.maxHeight || fps > grant.maxFps || !grant.formats[format]) {
        post({type: 'denied', capability: 'camera', request: request, reason: 'beyond ' + grant.text + ' (mode-not-allowed)', pin: -1});
        return -CAM_ERR.MODE_NOT_ALLOWED;
      }
      cameras.push({width: width, height: height, format: format, fps: fps, next: 0, opened: nowMs()});
      post({type: 'camera', event: 'open', width: width, height: height});
      return cameraHandle(cameras.length - 1);
    },
    'frame-size': (h) => { const c = cameraOf(h); return c ? frameSize(c) : -CAM_ERR.BAD_HANDLE; },
    'capture': (h, buf, len, info) => {
      const c = cameraOf(h);
      if (!c) return -CAM_ERR.BAD_HANDLE;
      const size = frameSize(c);
      if (len < size) return -CAM_ERR.INVALID_ARGUMENT;
      if (buf + size > memory.buffer.byteLength) throw new WebAssembly.RuntimeError('out of bounds memory access');
      let n;
      if (config.source === 'synthetic' || !config.source) {
        if (config.synthetic.frames > 0 && c.next >= config.synthetic.frames) return -CAM_ERR.END_OF_STREAM;
        n = c.next++;
        if (config.synthetic.paced) sleep(c.opened + n * 1000 / c.fps - nowMs());
        draw(c, n, new Uint8Array(memory.buffer, buf, size));
      } else {
        // A video file or the webcam: the page decodes the frame (a <video> element) into FRAMES.
        n = c.next;
        Atomics.store(ctl, SHARED.FRAME_READY, 0);
        post({type: 'frame-request', n: n, width: c.width, height: c.height, format: c.format, fps: c.fps});
        Atomics.wait(ctl, SHARED.FRAME_READY, 0);
        const ready = Atomics.load(ctl, SHARED.FRAME_READY);
        if (ready === 2) return -CAM_ERR.END_OF_STREAM;
        if (ready !== 1) return -CAM_ERR.IO_ERROR;
        c.next++;
        new Uint8Array(memory.buffer, buf, size).set(new Uint8Array(frames, 0, size));
      }
      const dest = new Uint8Array(memory.buffer, buf, size);
      if (info !== 0) { const v = view(); v.setBigUint64(info, BigInt(n), true); v.setBigUint64(info + 8, BigInt(Math.floor(n * 1e9 / c.fps)), true); }
      post({type: 'frame-trace', camera: 0, n: n, width: c.width, height: c.height, format: ['gray8', 'yuv420', 'rgb24'][c.format],
        ms: Math.floor(nowMs())});
      if (c.format !== 1) post({type: 'frame', n: n, width: c.width, height: c.height, format: c.format, bytes: dest.slice(0)});
      return size;
    },
    'close': (h) => { const c = cameraOf(h); if (!c) return -CAM_ERR.BAD_HANDLE; c.closed = true; return 0; },
  };
  // A camera handle: its slot and a check byte, so a made-up or closed handle is refused.
  function cameraHandle(i) { return ((i + 1) << 8) | i; }
  function cameraOf(h) {
    const i = h & 0xFF;
    const c = cameras[i];
    return c && !c.closed && cameraHandle(i) === h ? c : null;
  }

  // ---- weir:messaging: a real broker over MQTT-over-WebSockets, else a loopback -----------------
  // Links open only where a messaging grant names them. A link given a broker (weir debug --link
  // NAME=ws://HOST:PORT) goes through the page's MQTT client (mqtt.js): the worker posts what to
  // subscribe and publish, and the page writes incoming messages into the shared mailbox. Any other
  // link is a loopback, the page its own broker: a message published on a granted topic goes to
  // every open loopback link whose granted subscriptions match it, into a bounded inbox.
  const MSG_ERR = {PERMISSION_DENIED: 2, BAD_HANDLE: 5, INVALID_TOPIC: 7, TOO_LARGE: 8, OUT_OF_BOUNDS: 9,
    NO_SPACE: 12, INVALID_ARGUMENT: 13, ALREADY_OPEN: 14};
  // As MessagingError's names in hal, which --trace messaging prints.
  const MSG_ERR_NAMES = ['ok', 'connection', 'permission-denied', 'timeout', 'other', 'bad-handle', 'revoked', 'invalid-topic',
    'too-large', 'out-of-bounds', 'buffer-full', 'rate-limited', 'no-space', 'invalid-argument', 'already-open'];
  const links = [];
  function matches(filter, topic) {
    const f = filter.split('/'); const t = topic.split('/');
    for (let i = 0; i < f.length; i++) {
      if (f[i] === '#') return true;
      if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
    }
    return f.length === t.length;
  }
  function str(ptr, len) {
    if (ptr < 0 || len < 0 || ptr + len > memory.buffer.byteLength) return null;
    return text.decode(bytes().slice(ptr, ptr + len));
  }
  function linkOf(h) {
    const i = (h & 0xFF) - 1;
    return i >= 0 && links[i] && links[i].handle === h ? links[i] : null;
  }
  function msgDeny(error, request, reason) {
    post({type: 'denied', capability: 'messaging', request: request, reason: reason, pin: -1});
    return -error;
  }
  const messaging = {
    'open-link': (ptr, len) => {
      const name = str(ptr, len);
      if (name === null) return -MSG_ERR.OUT_OF_BOUNDS;
      const grant = (config.messaging || []).find((g) => g.link === name);
      if (!grant) return msgDeny(MSG_ERR.PERMISSION_DENIED, 'link ' + name, 'no grant names link ' + name + ' (permission-denied)');
      if (links.some((l) => l && l.name === name)) return -MSG_ERR.ALREADY_OPEN;
      const at = links.findIndex((l) => !l);
      const i = at >= 0 ? at : links.length;
      if (i >= 16) return -MSG_ERR.NO_SPACE;
      const url = (config.links || {})[name];
      links[i] = {name: name, grant: grant, handle: ((nextGeneration++ & 0x7FFF) << 8) | (i + 1), filters: [], inbox: [], lost: 0,
        slot: i, remote: !!url};
      Atomics.store(ctl, SHARED.LINK_STATE + i, 0);
      Atomics.store(ctl, SHARED.LINK_PENDING + i, 0);
      Atomics.store(ctl, SHARED.LINK_LOST + i, 0);
      post({type: 'link', name: name, slot: i, url: url || null, inbox: grant.inbox});
      post({type: 'messaging-link', name: name, address: url || 'loopback', opened: true});
      return links[i].handle;
    },
    'close': (h) => {
      const l = linkOf(h); if (!l) return -MSG_ERR.BAD_HANDLE;
      if (l.remote) post({type: 'link-close', slot: l.slot});
      post({type: 'messaging-link', name: l.name, address: '', opened: false});
      links[(h & 0xFF) - 1] = undefined;
      return 0;
    },
    'subscribe': (h, ptr, len, qos) => {
      const l = linkOf(h); if (!l) return -MSG_ERR.BAD_HANDLE;
      const filter = str(ptr, len);
      if (filter === null) return -MSG_ERR.OUT_OF_BOUNDS;
      if (filter === '' || filter.includes('\0')) return -MSG_ERR.INVALID_TOPIC;
      if (qos < 0 || qos > l.grant.maxQos) return -MSG_ERR.INVALID_ARGUMENT;
      if (!l.grant.subscribe.some((g) => g === filter || (!/[+#]/.test(filter) && matches(g, filter)))) {
        return msgDeny(MSG_ERR.PERMISSION_DENIED, 'subscribe ' + filter + ' on link ' + l.name, 'outside the grant (permission-denied)');
      }
      l.filters.push(filter);
      if (l.remote) post({type: 'link-subscribe', slot: l.slot, filter: filter, qos: qos});
      return 0;
    },
    'publish': (h, tptr, tlen, dptr, dlen, flags, typePtr, typeLen) => {
      const l = linkOf(h); if (!l) return -MSG_ERR.BAD_HANDLE;
      const topic = str(tptr, tlen);
      if (topic === null || dptr < 0 || dlen < 0 || dptr + dlen > memory.buffer.byteLength) return -MSG_ERR.OUT_OF_BOUNDS;
      // As on the board: every publish past the handle and bounds checks is traced, with its result.
      const qos = flags & 3;
      const data = bytes().slice(dptr, dptr + dlen);
      const traced = (error) => {
        post({type: 'message', dir: 'publish', link: l.name, topic: topic, size: dlen, qos: qos,
          result: error ? MSG_ERR_NAMES[error] : 'ok', ms: Math.floor(nowMs()), preview: payloadPreview(data)});
        return -error;
      };
      if ((flags & ~(3 | 8)) !== 0 || qos > 1) return traced(MSG_ERR.INVALID_ARGUMENT);
      if (topic === '' || /[+#\0]/.test(topic)) return traced(MSG_ERR.INVALID_TOPIC);
      if (dlen > l.grant.maxMessage) return traced(MSG_ERR.TOO_LARGE);
      if (qos > l.grant.maxQos || !l.grant.publish.some((g) => matches(g, topic))) {
        msgDeny(MSG_ERR.PERMISSION_DENIED, 'publish ' + topic + ' on link ' + l.name, 'outside the grant (permission-denied)');
        return traced(MSG_ERR.PERMISSION_DENIED);
      }
      traced(0);
      if (l.remote) {
        post({type: 'link-publish', slot: l.slot, topic: topic, data: data, qos: flags & 3, retain: (flags & 8) !== 0});
        return 0;
      }
      for (const other of links) {
        if (other && other.remote) continue;
        if (!other || !other.filters.some((f) => matches(f, topic))) continue;
        if (other.inbox.length >= other.grant.inbox) { other.lost++; continue; }
        other.inbox.push({topic: utf8.encode(topic), data: data, flags: flags & 3});
      }
      return 0;
    },
    'receive': (h, header, tptr, tcap, dptr, dcap, timeout) => {
      const candidates = h === 0 ? links.filter((l) => l) : [linkOf(h)];
      if (!candidates[0] && h !== 0) return -MSG_ERR.BAD_HANDLE;
      const deadline = nowMs() + (timeout < 0 ? Infinity : timeout);
      let l;
      for (;;) {
        const seen = takeMail();
        l = candidates.find((c) => c.inbox.length > 0);
        if (l) break;
        const left = deadline - nowMs();
        if (left <= 0) return 0;
        if (!candidates.some((c) => c.remote)) {
          // Nothing else publishes while the module waits: the page's loopback has no other client.
          if (left !== Infinity) sleep(left);
          return 0;
        }
        Atomics.wait(ctl, SHARED.MSG_WRITTEN, seen, left === Infinity ? undefined : left);
      }
      const m = l.inbox[0];
      const v = view();
      v.setInt32(header, l.handle, true); v.setInt32(header + 4, m.topic.length, true);
      v.setInt32(header + 8, m.data.length, true); v.setInt32(header + 12, m.flags, true);
      if (m.topic.length > tcap || m.data.length > dcap) return -MSG_ERR.TOO_LARGE;
      bytes().set(m.topic, tptr); bytes().set(m.data, dptr);
      l.inbox.shift();
      if (l.remote) Atomics.sub(ctl, SHARED.LINK_PENDING + l.slot, 1);
      post({type: 'message', dir: 'receive', link: l.name, slot: l.remote ? l.slot : -1, ack: m.ack, topic: text.decode(m.topic),
        size: m.data.length, qos: m.flags & 3, ms: Math.floor(nowMs()), preview: payloadPreview(m.data)});
      return 1;
    },
    'messages-lost': (h) => {
      const l = linkOf(h); if (!l) return -MSG_ERR.BAD_HANDLE;
      const n = l.lost + (l.remote ? Atomics.exchange(ctl, SHARED.LINK_LOST + l.slot, 0) : 0);
      l.lost = 0;
      return n;
    },
    'status': (h) => {
      const l = linkOf(h); if (!l) return -MSG_ERR.BAD_HANDLE;
      return l.remote ? Atomics.load(ctl, SHARED.LINK_STATE + l.slot) : 1;
    },
  };
  // Moves the messages the page wrote into the mailbox to their links' inboxes; returns how many
  // were written so far (what to wait on for more).
  function takeMail() {
    const written = Atomics.load(ctl, SHARED.MSG_WRITTEN);
    const header = new Int32Array(mailbox);
    const box = new Uint8Array(mailbox);
    for (let read = Atomics.load(ctl, SHARED.MSG_READ); read < written; read++) {
      const at = (read % MAILBOX.SLOTS) * MAILBOX.SLOT_SIZE;
      const slot = header[at / 4], topicLength = header[at / 4 + 1], dataLength = header[at / 4 + 2], flags = header[at / 4 + 3];
      const l = links[slot];
      if (l && l.remote) {
        l.inbox.push({topic: box.slice(at + 16, at + 16 + topicLength),
          data: box.slice(at + 16 + topicLength, at + 16 + topicLength + dataLength), flags: flags & 0xFFFF, ack: flags >>> 16});
      }
      Atomics.store(ctl, SHARED.MSG_READ, read + 1);
    }
    return written;
  }

  // ---- weir:identity: the module's own SPIFFE ID, from its identity grant --------------------
  const identity = {
    'spiffe-id': (buf, cap) => {
      if (!config.identity) return -1;
      const id = utf8.encode(config.identity);
      if (cap < 0 || id.length > cap) return id.length;
      if (buf < 0 || buf + id.length > memory.buffer.byteLength) throw new WebAssembly.RuntimeError('out of bounds memory access');
      bytes().set(id, buf);
      return id.length;
    },
  };

  function imports(module) {
    const all = {wasi_snapshot_preview1: {}, 'weir:gpio': gpio, 'weir:camera': camera, 'weir:messaging': messaging,
      'weir:identity': identity};
    for (const imp of WebAssembly.Module.imports(module)) {
      if (imp.kind !== 'function') continue;
      if (imp.module === 'wasi_snapshot_preview1') {
        all.wasi_snapshot_preview1[imp.name] = wasi[imp.name] || ((...a) => {
          if (!unsupported.has(imp.name)) { unsupported.add(imp.name); post({type: 'unsupported', name: imp.module + '.' + imp.name}); }
          return E.NOSYS;
        });
      } else if (!all[imp.module] || !all[imp.module][imp.name]) {
        throw new Error('unknown import ' + imp.module + '.' + imp.name + ': the debug page has no such host function');
      }
    }
    return all;
  }
  return {imports: imports, setMemory: (m) => { memory = m; }, shutdown: shutdown, ExitSignal: ExitSignal};
}
