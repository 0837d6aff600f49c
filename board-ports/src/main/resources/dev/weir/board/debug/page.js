// The debug page: draws the board's header, runs the module in a worker (worker.js) and shows what
// it does to its pins, camera and output, as a timeline in the format of `weir run --trace`.
'use strict';

(async function main() {
  const $ = (id) => document.getElementById(id);
  const config = await (await fetch('config.json')).json();
  const wasm = await (await fetch('module.wasm')).arrayBuffer();
  $('name').textContent = config.name;
  $('board-name').textContent = config.board.name;
  if (!self.crossOriginIsolated) {
    setStatus('error', 'the page is not cross-origin isolated, so blocking host calls cannot work');
    return;
  }
  const shared = new SharedArrayBuffer(SHARED.CELLS * 4);
  const ctl = new Int32Array(shared);
  const started = performance.now();
  config.startedAt = performance.timeOrigin + started;
  const lines = [];

  function setStatus(state, text) {
    $('status').dataset.state = state;
    $('status').textContent = text;
  }
  function timeline(line) {
    lines.push(line);
    $('timeline').textContent += line + '\n';
  }

  // The 40-pin header: odd positions left, even right; GPIO pins by BCM number.
  const byHeader = new Map(config.board.pins.map((p) => [p.header, p]));
  const grants = new Map(config.gpio.map((g) => [g.pin, g]));
  for (let position = 1; position <= 40; position++) {
    const p = byHeader.get(position);
    const el = document.createElement('div');
    el.className = 'pin';
    el.dataset.header = position;
    el.dataset.bcm = p ? p.bcm : -1;
    if (p) {
      el.dataset.pin = p.bcm;
      el.textContent = position + ': GPIO ' + p.bcm + (p.note ? ' ' + p.note : '');
      const g = grants.get(p.bcm);
      if (g) {
        el.dataset.granted = g.mode;
        if (g.mode === 'input') {
          const level = g.pull === 1 ? 1 : 0;
          Atomics.store(ctl, SHARED.LEVELS + p.bcm, level);
          el.dataset.mode = 'input';
          el.dataset.level = level;
          el.title = 'press: drives the pin to ' + (level ^ 1);
          el.addEventListener('mousedown', () => drive(p.bcm, level ^ 1));
          el.addEventListener('mouseup', () => drive(p.bcm, level));
          el.addEventListener('mouseleave', () => { if (Number(el.dataset.level) !== level) drive(p.bcm, level); });
        }
      }
    } else {
      el.textContent = position + ': ' + ([1, 17].includes(position) ? '3V3' : [2, 4].includes(position) ? '5V'
        : [27, 28].includes(position) ? 'ID' : 'GND');
    }
    $('header').appendChild(el);
  }
  const pinElement = (bcm) => document.querySelector('.pin[data-pin="' + bcm + '"]');

  // A level the user drives on an input: written for the worker's read, an edge into its ring.
  // On a live page (weir run --inspect), asked of the board, which refuses unless granted; the
  // level shows when the board's trace reports it.
  function drive(bcm, level) {
    if (config.live) {
      fetch('inject?pin=' + bcm + '&level=' + level, {method: 'POST'}).then(async (r) => {
        if (r.status !== 204) $('audit').textContent += 'inject GPIO ' + bcm + ' ' + level + ': ' + (await r.text());
      });
      return;
    }
    const before = Atomics.load(ctl, SHARED.LEVELS + bcm);
    if (before === level) return;
    Atomics.store(ctl, SHARED.LEVELS + bcm, level);
    const ms = Math.floor(performance.now() - started);
    const n = Atomics.load(ctl, SHARED.EDGES_WRITTEN);
    const at = SHARED.RING + 3 * (n % SHARED.RING_SIZE);
    ctl[at] = bcm; ctl[at + 1] = level === 1 ? 1 : 2; ctl[at + 2] = ms;
    Atomics.add(ctl, SHARED.EDGES_WRITTEN, 1);
    Atomics.notify(ctl, SHARED.EDGES_WRITTEN);
    pinElement(bcm).dataset.level = level;
    timeline('gpio ' + bcm + ' ' + level + ' ' + ms);
  }

  $('save').addEventListener('click', () => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], {type: 'text/plain'}));
    a.download = config.name.replace(/\.wasm$/, '') + '.trace';
    a.click();
  });

  // One handler for what the module does, whether it runs here (the worker) or on the board
  // (weir run --inspect: the same messages as server-sent events, read-only).
  function onEvent(m) {
    switch (m.type) {
      case 'stdout': case 'stderr':
        $(m.type).textContent += m.text;
        break;
      case 'open': {
        const el = pinElement(m.pin);
        if (el && m.mode !== 'input') el.dataset.mode = m.mode;
        break;
      }
      case 'pin': {
        const el = pinElement(m.pin);
        el.dataset.level = m.level;
        timeline('gpio ' + m.pin + ' ' + m.level + ' ' + m.ms);
        break;
      }
      case 'pwm': {
        const el = pinElement(m.pin);
        el.dataset.duty = m.duty;
        timeline('pwm ' + m.pin + ' ' + (m.duty / 100).toFixed(2) + ' ' + m.ms);
        break;
      }
      case 'denied': {
        $('audit').textContent += 'denied ' + m.capability + ': ' + m.request + ': ' + m.reason + '\n';
        const el = m.pin >= 0 ? pinElement(m.pin) : null;
        if (el) { el.dataset.denied = 'true'; el.title = m.reason; }
        timeline('denied ' + m.capability + ' ' + m.request + ': ' + m.reason);
        break;
      }
      case 'link':
        $('audit').textContent += 'messaging: link ' + m.name + ' open (the page is its own broker)\n';
        break;
      case 'message':
        timeline('message ' + m.link + ' ' + m.topic + ' ' + m.size + ' ' + m.ms);
        break;
      case 'unsupported':
        $('audit').textContent += 'not in the debug page: ' + m.name + ' (returns ENOSYS)\n';
        break;
      case 'camera':
        $('camera-panel').hidden = false;
        $('frame').width = m.width; $('frame').height = m.height;
        break;
      case 'frame': {
        const canvas = $('frame'); const ctx = canvas.getContext('2d');
        const image = ctx.createImageData(m.width, m.height);
        const px = m.format === 2 ? 3 : 1;
        for (let i = 0, j = 0; i < m.width * m.height; i++, j += px) {
          image.data[4 * i] = m.bytes[j]; image.data[4 * i + 1] = m.bytes[j + (px === 3 ? 1 : 0)];
          image.data[4 * i + 2] = m.bytes[j + (px === 3 ? 2 : 0)]; image.data[4 * i + 3] = 255;
        }
        ctx.putImageData(image, 0, 0);
        $('frame-info').textContent = 'frame ' + m.n;
        $('frame-info').dataset.frames = m.n + 1;
        break;
      }
      case 'exit':
        setStatus('exited', m.status === undefined ? 'the run ended' : 'exited with status ' + m.status);
        if (m.status !== undefined) $('status').dataset.status = m.status;
        break;
      case 'trap':
        setStatus('trapped', m.text);
        $('stderr').textContent += m.text + '\n' + m.stack + '\n';
        break;
      case 'error':
        setStatus('error', m.text);
        break;
    }
  }
  if (config.live) {
    document.body.dataset.live = 'true';
    const inject = config.inject || [];
    for (const el of document.querySelectorAll('.pin[data-mode="input"]')) {
      if (inject.includes(Number(el.dataset.pin))) el.dataset.inject = 'true';
      else el.style.pointerEvents = 'none';
    }
    setStatus('running', inject.length ? 'running on the board (inputs ' + inject.join(', ') + ' may be pressed)'
      : 'running on the board (read-only)');
    const events = new EventSource('events');
    events.onmessage = (event) => onEvent(JSON.parse(event.data));
    return;
  }
  const worker = new Worker('worker.js');
  worker.onmessage = (event) => onEvent(event.data);
  setStatus('running', 'running');
  worker.postMessage({config: config, wasm: wasm, shared: shared});
})();
