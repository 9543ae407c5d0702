// Stands in for Electron's process.parentPort when electron/utility/engine-process.ts runs under plain
// Node (tests): `node --import tsx --import ./fake-parent-port.mjs electron/utility/engine-process.ts`.
// Messages travel over the child-process IPC channel; an event port is a local MessageChannel
// whose frames are relayed to the test.
import { EventEmitter } from 'node:events';
import { MessageChannel } from 'node:worker_threads';

const parentPort = new EventEmitter();
parentPort.postMessage = (message) => process.send?.({ kind: 'fromEngine', message });
// Like Electron's parentPort, hold messages until the entry registers its handler.
const held = [];
const deliver = (event) =>
  parentPort.listenerCount('message') > 0 ? parentPort.emit('message', event) : held.push(event);
parentPort.on('newListener', (name) => {
  if (name === 'message') setImmediate(() => held.splice(0).forEach((event) => parentPort.emit('message', event)));
});
process.on('message', (envelope) => {
  if (envelope?.kind !== 'toEngine') return;
  const ports = [];
  if (envelope.withEventPort) {
    const { port1, port2 } = new MessageChannel();
    port2.on('message', (frame) => process.send?.({ kind: 'event', frame }));
    port2.unref();
    ports.push(port1);
  }
  deliver({ data: envelope.message, ports });
});
process.parentPort = parentPort;
// Node's IPC drops messages sent before the child listens (Electron's does not): say when to start.
process.send?.({ kind: 'listening' });
