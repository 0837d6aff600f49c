// A small MQTT 3.1.1 client over WebSockets (subprotocol "mqtt"), for the debug page's messaging
// links: CONNECT/CONNACK, SUBSCRIBE/SUBACK, PUBLISH at QoS 0 and 1 (PUBACK both ways; an incoming
// QoS 1 message is acknowledged when its receiver says so, as weir acknowledges it on the board
// only when the module takes it),
// PINGREQ/PINGRESP, DISCONNECT. Clean sessions only; no username or password, no QoS 2 (a QoS 2
// subscription is asked for at QoS 1). Packets are as the MQTT 3.1.1 standard lays them out: a fixed
// header (type and flags, then the remaining length in 7-bit groups), a variable header and a payload.
'use strict';

class MqttClient {
  // url: ws://HOST:PORT[/PATH]; onMessage(topic, bytes, flags, id) with flags as weir's message-flags
  // (bits 0..1 QoS, bit 2 dup, bit 3 retain) and, for QoS 1, the packet id to acknowledge with
  // ack(id) once the message is taken (0 for QoS 0); onState(connected, why).
  constructor(url, clientId, onMessage, onState, keepAlive = 30) {
    this.onMessage = onMessage;
    this.onState = onState;
    this.keepAlive = keepAlive;
    this.connected = false;
    this.nextId = 1;
    this.waiting = new Map();   // packet id -> resolve, for SUBACK and PUBACK
    this.queue = [];            // packets written before CONNACK
    this.input = new Uint8Array(0);
    this.ws = new WebSocket(url, 'mqtt');
    this.ws.binaryType = 'arraybuffer';
    this.ws.onopen = () => {
      const id = MqttClient.utf8(clientId);
      this.ws.send(MqttClient.packet(0x10, [MqttClient.utf8('MQTT'), [4, 0x02, keepAlive >> 8, keepAlive & 0xFF], id]));
    };
    this.ws.onmessage = (event) => this.received(new Uint8Array(event.data));
    this.ws.onclose = () => this.down('the connection closed');
    this.ws.onerror = () => this.down('cannot connect to ' + url);
  }

  // A string as MQTT writes it: two bytes of length, then UTF-8.
  static utf8(s) {
    const b = new TextEncoder().encode(s);
    const out = new Uint8Array(2 + b.length);
    out[0] = b.length >> 8; out[1] = b.length & 0xFF; out.set(b, 2);
    return out;
  }

  // A whole packet: the fixed header's first byte, the remaining length, and the parts after it.
  static packet(first, parts) {
    const length = parts.reduce((n, p) => n + p.length, 0);
    const header = [first];
    let n = length;
    do {
      let digit = n % 128;
      n = Math.floor(n / 128);
      if (n > 0) digit |= 0x80;
      header.push(digit);
    } while (n > 0);
    const out = new Uint8Array(header.length + length);
    out.set(header, 0);
    let at = header.length;
    for (const p of parts) { out.set(p, at); at += p.length; }
    return out;
  }

  send(bytes) {
    if (this.connected) this.ws.send(bytes); else this.queue.push(bytes);
  }

  id() {
    const id = this.nextId;
    this.nextId = this.nextId === 0xFFFF ? 1 : this.nextId + 1;
    return id;
  }

  // Resolves with the granted QoS (0x80: the broker refused).
  subscribe(filter, qos) {
    const id = this.id();
    const done = new Promise((resolve) => this.waiting.set(id, resolve));
    this.send(MqttClient.packet(0x82, [[id >> 8, id & 0xFF], MqttClient.utf8(filter), [Math.min(qos, 1)]]));
    return done;
  }

  // Resolves when the broker has the message: at once for QoS 0, at its PUBACK for QoS 1.
  publish(topic, bytes, qos, retain) {
    qos = Math.min(qos, 1);
    const parts = [MqttClient.utf8(topic)];
    let done = Promise.resolve();
    if (qos > 0) {
      const id = this.id();
      done = new Promise((resolve) => this.waiting.set(id, resolve));
      parts.push([id >> 8, id & 0xFF]);
    }
    parts.push(bytes);
    this.send(MqttClient.packet(0x30 | (qos << 1) | (retain ? 1 : 0), parts));
    return done;
  }

  // Acknowledges a QoS 1 message (PUBACK): the broker may forget it.
  ack(id) {
    if (id !== 0 && this.connected) this.ws.send(new Uint8Array([0x40, 2, id >> 8, id & 0xFF]));
  }

  close() {
    clearInterval(this.ping);
    if (this.connected) this.ws.send(new Uint8Array([0xE0, 0]));
    this.connected = false;
    this.ws.close();
  }

  down(why) {
    clearInterval(this.ping);
    if (this.connected || !this.failed) { this.failed = true; this.connected = false; this.onState(false, why); }
  }

  // Bytes from the socket: a WebSocket message may hold part of a packet or several packets.
  received(chunk) {
    const all = new Uint8Array(this.input.length + chunk.length);
    all.set(this.input, 0); all.set(chunk, this.input.length);
    let at = 0;
    for (;;) {
      let length = 0, multiplier = 1, i = at + 1, complete = false;
      while (i < all.length) {
        const digit = all[i++];
        length += (digit & 0x7F) * multiplier;
        multiplier *= 128;
        if ((digit & 0x80) === 0) { complete = true; break; }
      }
      if (!complete || i + length > all.length) break;
      this.handle(all[at], all.subarray(i, i + length));
      at = i + length;
    }
    this.input = all.slice(at);
  }

  handle(first, body) {
    const type = first >> 4;
    const u16 = (at) => (body[at] << 8) | body[at + 1];
    switch (type) {
      case 2:   // CONNACK: session present, return code
        if (body[1] !== 0) { this.down('the broker refused the connection (CONNACK code ' + body[1] + ')'); this.ws.close(); return; }
        this.connected = true;
        for (const p of this.queue) this.ws.send(p);
        this.queue = [];
        this.ping = setInterval(() => this.ws.send(new Uint8Array([0xC0, 0])), this.keepAlive * 500);
        this.onState(true, 'connected');
        break;
      case 3: {  // PUBLISH
        const qos = (first >> 1) & 3;
        const topicLength = u16(0);
        const topic = new TextDecoder().decode(body.subarray(2, 2 + topicLength));
        let at = 2 + topicLength;
        let id = 0;
        if (qos > 0) {
          id = u16(at);
          at += 2;
        }
        this.onMessage(topic, body.slice(at), qos | ((first & 8) ? 4 : 0) | ((first & 1) ? 8 : 0), id);
        break;
      }
      case 4: case 9: {  // PUBACK, SUBACK
        const id = u16(0);
        const resolve = this.waiting.get(id);
        this.waiting.delete(id);
        if (resolve) resolve(type === 9 ? body[2] : 0);
        break;
      }
      case 13:   // PINGRESP
        break;
      default:
        this.down('unexpected MQTT packet type ' + type);
        this.ws.close();
    }
  }
}
