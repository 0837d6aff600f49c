// Runs the module in the browser's own engine, off the page's thread, so that blocking host calls
// can wait (Atomics.wait) while the page stays responsive.
'use strict';
importScripts('hosts.js');

onmessage = async (event) => {
  const {config, wasm, shared, mailbox, frames} = event.data;
  const post = (m) => postMessage(m);
  const hosts = makeHosts(config, shared, post, mailbox, frames);
  let module;
  try {
    module = await WebAssembly.compile(wasm);
  } catch (e) {
    post({type: 'error', text: 'not a module the browser accepts: ' + e.message});
    return;
  }
  let instance;
  try {
    instance = await WebAssembly.instantiate(module, hosts.imports(module));
  } catch (e) {
    post({type: 'error', text: e.message});
    return;
  }
  hosts.setMemory(instance.exports.memory);
  let status = 0;
  try {
    if (instance.exports._initialize) instance.exports._initialize();
    instance.exports._start();
  } catch (e) {
    if (e instanceof hosts.ExitSignal) {
      status = e.code;
    } else {
      hosts.shutdown();
      post({type: 'trap', text: (e instanceof WebAssembly.RuntimeError ? 'trap: ' : '') + e.message, stack: String(e.stack || '')});
      return;
    }
  }
  hosts.shutdown();
  post({type: 'exit', status: status});
};
