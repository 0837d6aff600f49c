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
        if (!el.dataset.mode) el.dataset.mode = 'output'; // a live page hears levels, not opens
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
        if (m.url) openLink(m);
        else $('audit').textContent += 'messaging: link ' + m.name + ' open (the page is its own broker)\n';
        break;
      case 'link-subscribe': {
        const link = brokers[m.slot];
        link.client.subscribe(m.filter, m.qos).then((granted) => {
          $('audit').textContent += 'messaging: link ' + link.name + (granted === 0x80 ? ' refused by the broker: ' : ' subscribed ')
            + m.filter + '\n';
          document.body.dataset.subscriptions = Number(document.body.dataset.subscriptions || 0) + 1;
        });
        break;
      }
      case 'link-publish': {
        const link = brokers[m.slot];
        link.pending.push(link.client.publish(m.topic, m.data, m.qos, m.retain).then(() => {
          document.body.dataset.published = Number(document.body.dataset.published || 0) + 1;
        }));
        break;
      }
      case 'frame-request':
        produceFrame(m);
        break;
      case 'link-close':
        closeLink(m.slot);
        break;
      case 'message':
        // What the module published or took; the lines are those of weir run --trace messaging.
        if (m.dir === 'receive' && m.slot >= 0 && brokers[m.slot] && m.ack !== undefined) brokers[m.slot].client.ack(m.ack);
        timeline('messaging ' + m.dir + ' ' + m.link + ' ' + m.topic + ' ' + m.size + ' B qos=' + m.qos
          + (m.dir === 'publish' ? ' ' + m.result : '') + ' ' + m.ms);
        showMessage(m);
        break;
      case 'messaging-link':
        timeline('messaging link ' + m.name + (m.opened ? ' open ' + m.address : ' closed'));
        if (m.opened) openLinks.add(m.name); else openLinks.delete(m.name);
        break;
      case 'unsupported':
        $('audit').textContent += 'not in the debug page: ' + m.name + ' (returns ENOSYS)\n';
        break;
      case 'camera':
        $('camera-panel').hidden = false;
        $('frame').width = m.width; $('frame').height = m.height;
        break;
      case 'frame-trace': {
        // Every frame the module took, as weir run --trace camera prints it.
        timeline('camera ' + m.camera + ' ' + m.n + ' ' + m.width + 'x' + m.height + ' ' + m.format + ' ' + m.ms);
        $('camera-panel').hidden = false;
        $('frame-info').dataset.frames = Number($('frame-info').dataset.frames || 0) + 1;
        if (config.live) $('frame-info').textContent = 'frame ' + m.n + ' at ' + m.ms + ' ms';
        break;
      }
      case 'preview': {
        // weir run --inspect: a gray, subsampled copy of a recent frame (not every frame).
        const canvas = $('frame'); canvas.width = m.width; canvas.height = m.height;
        const ctx = canvas.getContext('2d');
        const image = ctx.createImageData(m.width, m.height);
        const gray = atob(m.gray);
        for (let i = 0; i < m.width * m.height; i++) {
          const v = gray.charCodeAt(i);
          image.data[4 * i] = v; image.data[4 * i + 1] = v; image.data[4 * i + 2] = v; image.data[4 * i + 3] = 255;
        }
        ctx.putImageData(image, 0, 0);
        canvas.dataset.preview = m.n;
        canvas.dataset.previews = Number(canvas.dataset.previews || 0) + 1;
        canvas.title = 'frame ' + m.n + ' at ' + m.ms + ' ms (preview)';
        break;
      }
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
        break;
      }
      case 'exit':
        closeOpenLinks();
        for (let slot = 0; slot < brokers.length; slot++) closeLink(slot);
        setStatus('exited', m.status === undefined ? 'the run ended' : 'exited with status ' + m.status);
        if (m.status !== undefined) $('status').dataset.status = m.status;
        break;
      case 'trap':
        closeOpenLinks();
        setStatus('trapped', m.text);
        $('stderr').textContent += m.text + '\n' + m.stack + '\n';
        break;
      case 'error':
        setStatus('error', m.text);
        break;
    }
  }
  // Links the module left open close when the run ends, and the board's trace says so: so does the page.
  const openLinks = new Set();
  function closeOpenLinks() {
    for (const name of openLinks) timeline('messaging link ' + name + ' closed');
    openLinks.clear();
  }

  // One row per message: time, direction, link, topic, size, result and the payload's first bytes.
  function showMessage(m) {
    $('messages-panel').hidden = false;
    const row = document.createElement('tr');
    row.dataset.dir = m.dir; row.dataset.link = m.link; row.dataset.topic = m.topic; row.dataset.size = m.size;
    row.dataset.result = m.result || 'ok';
    for (const cell of [m.ms, m.dir, m.link, m.topic, m.size, m.result || '', m.preview || '']) {
      const td = document.createElement('td');
      td.textContent = cell;
      row.appendChild(td);
    }
    row.lastChild.className = 'payload';
    $('messages').tBodies[0].appendChild(row);
    $('messages').dataset.count = $('messages').tBodies[0].rows.length;
  }

  // The camera from a video (weir debug --video FILE, served at /video), a file the user picks
  // (--camera pick) or the webcam (--camera webcam): a <video> element plays it, and each frame the
  // module captures is drawn at the size it asked for, converted to its format, and written into
  // the shared frame buffer. A file's frame n is the one shown at n / fps seconds; its end is the
  // end of the stream. The webcam gives its newest frame.
  const frameBuffer = new SharedArrayBuffer(frameBytes(config));
  const video = $('video');
  let videoReady = null;
  function loaded() {
    return new Promise((resolve, reject) => {
      if (video.readyState >= 2) { resolve(); return; }
      video.onloadeddata = () => resolve();
      video.onerror = () => reject(new Error('the browser cannot play the video: '
        + (video.error ? video.error.message || 'code ' + video.error.code : 'unknown error')));
    });
  }
  function videoSource() {
    if (videoReady) return videoReady;
    if (config.source === 'video') {
      video.src = 'video';
      videoReady = loaded();
    } else if (config.source === 'webcam') {
      videoReady = navigator.mediaDevices.getUserMedia({video: true, audio: false}).then((stream) => {
        video.srcObject = stream;
        return video.play();
      });
    } else {
      $('frame-info').textContent = 'choose a video file for the camera';
      videoReady = new Promise((resolve) => {
        $('video-file').addEventListener('change', () => {
          video.src = URL.createObjectURL($('video-file').files[0]);
          resolve(loaded());
        }, {once: true});
      });
    }
    return videoReady;
  }
  // Seeks to t and resolves once the frame shown at t is the one presented: 'seeked' alone can
  // come before the new frame reaches the element (on a loaded machine drawImage then draws the
  // frame before, and the module sees a repeated frame). requestVideoFrameCallback reports the
  // presented frame's media time; a frame of duration d shown at t has mediaTime in (t - d, t].
  function seek(t, fps) {
    return new Promise((resolve) => {
      let seeked = false, presented = false, waited = null;
      const done = () => {
        if (seeked && presented) { clearTimeout(waited); resolve(); }
      };
      const onFrame = (now, meta) => {
        if (presented) return;
        if (meta.mediaTime <= t + 1e-6 && meta.mediaTime > t - 1 / fps - 1e-6) { presented = true; done(); }
        else video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
      video.onseeked = () => {
        seeked = true;
        // A browser that never presents the frame (no compositing) must not stall the module.
        waited = setTimeout(() => {
          $('audit').textContent += 'camera: the browser did not present the frame at ' + t.toFixed(3) + ' s within 5 s; drawing what the video shows\n';
          presented = true; done();
        }, 5000);
        done();
      };
      video.currentTime = t;
    });
  }
  const frameCanvas = document.createElement('canvas');
  async function produceFrame(m) {
    let ready = 1;
    try {
      await videoSource();
      if (config.source === 'webcam') {
        await new Promise((resolve) => video.requestVideoFrameCallback(() => resolve()));
      } else if (m.n / m.fps >= video.duration) {
        ready = 2;
      } else {
        await seek(m.n / m.fps + 0.001, m.fps);
      }
      if (ready === 1) {
        frameCanvas.width = m.width; frameCanvas.height = m.height;
        const ctx = frameCanvas.getContext('2d', {willReadFrequently: true});
        // Right after the first load, the decoded frame may not be there yet to draw (nothing is
        // drawn: transparent pixels); then wait for it a little.
        let rgba;
        for (let tries = 0; ; tries++) {
          ctx.clearRect(0, 0, m.width, m.height);
          ctx.drawImage(video, 0, 0, m.width, m.height);
          rgba = ctx.getImageData(0, 0, m.width, m.height).data;
          if (rgba[3] !== 0 || tries === 100) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        convert(rgba, m, new Uint8Array(frameBuffer));
      }
    } catch (e) {
      ready = 3;
      $('audit').textContent += 'camera: ' + e.message + '\n';
    }
    Atomics.store(ctl, SHARED.FRAME_READY, ready);
    Atomics.notify(ctl, SHARED.FRAME_READY);
  }
  // RGBA pixels to gray8 (luma), yuv420 (planar, full range, BT.601) or rgb24.
  function convert(rgba, m, out) {
    const w = m.width, h = m.height;
    const luma = (i) => (77 * rgba[i] + 150 * rgba[i + 1] + 29 * rgba[i + 2]) >> 8;
    if (m.format === 2) {
      for (let i = 0, j = 0; i < w * h; i++, j += 3) { out[j] = rgba[4 * i]; out[j + 1] = rgba[4 * i + 1]; out[j + 2] = rgba[4 * i + 2]; }
      return;
    }
    for (let i = 0; i < w * h; i++) out[i] = luma(4 * i);
    if (m.format !== 1) return;
    const u = w * h, v = u + (w >> 1) * (h >> 1);
    for (let y = 0; y < h; y += 2) {
      for (let x = 0; x < w; x += 2) {
        let r = 0, g = 0, b = 0;
        for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
          const i = 4 * ((y + dy) * w + x + dx); r += rgba[i]; g += rgba[i + 1]; b += rgba[i + 2];
        }
        r >>= 2; g >>= 2; b >>= 2;
        const k = (y >> 1) * (w >> 1) + (x >> 1);
        out[u + k] = Math.max(0, Math.min(255, ((-43 * r - 85 * g + 128 * b) >> 8) + 128));
        out[v + k] = Math.max(0, Math.min(255, ((128 * r - 107 * g - 21 * b) >> 8) + 128));
      }
    }
  }
  $('video-file').hidden = config.source !== 'pick';
  if (config.source === 'pick') $('camera-panel').hidden = false;

  // Links with a broker (weir debug --link NAME=ws://...): one MQTT client each, on this thread,
  // since the worker blocks in the module; what arrives goes into the shared mailbox.
  const mailbox = new SharedArrayBuffer(MAILBOX.BYTES);
  const brokers = [];
  function openLink(m) {
    const link = {name: m.name, pending: [], inbox: m.inbox};
    brokers[m.slot] = link;
    $('audit').textContent += 'messaging: link ' + m.name + ' connecting to ' + m.url + '\n';
    link.client = new MqttClient(m.url, 'weir-debug-' + Math.random().toString(36).slice(2, 10),
      (topic, data, flags, id) => deliver(m.slot, link, topic, data, flags, id),
      (up, why) => {
        Atomics.store(ctl, SHARED.LINK_STATE + m.slot, up ? 1 : 0);
        $('audit').textContent += 'messaging: link ' + m.name + (up ? ' connected to ' + m.url : ': ' + why) + '\n';
        document.body.dataset['link' + m.slot] = up ? 'connected' : 'down';
      });
  }
  // A message from the broker into the mailbox, its QoS 1 packet id in the flags' upper half: the
  // worker hands the id back when the module takes the message, and only then is it acknowledged.
  function deliver(slot, link, topic, data, flags, id) {
    const t = new TextEncoder().encode(topic);
    const written = Atomics.load(ctl, SHARED.MSG_WRITTEN);
    if (Atomics.load(ctl, SHARED.LINK_PENDING + slot) >= link.inbox || written - Atomics.load(ctl, SHARED.MSG_READ) >= MAILBOX.SLOTS
        || 16 + t.length + data.length > MAILBOX.SLOT_SIZE) {
      Atomics.add(ctl, SHARED.LINK_LOST + slot, 1);
      link.client.ack(id);
      return;
    }
    const at = (written % MAILBOX.SLOTS) * MAILBOX.SLOT_SIZE;
    const header = new Int32Array(mailbox, at, 4);
    header[0] = slot; header[1] = t.length; header[2] = data.length; header[3] = flags | (id << 16);
    new Uint8Array(mailbox, at + 16).set(t);
    new Uint8Array(mailbox, at + 16 + t.length).set(data);
    Atomics.add(ctl, SHARED.LINK_PENDING + slot, 1);
    Atomics.store(ctl, SHARED.MSG_WRITTEN, written + 1);
    Atomics.notify(ctl, SHARED.MSG_WRITTEN);
  }
  // Closes a link's client once the broker has acknowledged what the module published on it.
  function closeLink(slot) {
    const link = brokers[slot];
    if (!link) return;
    brokers[slot] = undefined;
    Promise.all(link.pending).then(() => link.client.close());
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
  worker.postMessage({config: config, wasm: wasm, shared: shared, mailbox: mailbox, frames: frameBuffer});
})();
