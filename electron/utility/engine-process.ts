// Entry of the engine's Electron utility process (bundled to out/main/engine-process.cjs): runs
// the same engine as `flotilla serve` on FLOTILLA_HOME, off the main process's thread.
import type { MessagePortMain } from 'electron';
import { resolveHome } from '../../engine/home.js';
import { tuneEngineV8 } from '../../engine/host/engine-v8.js';
import { runEngineService, type EventPortLike } from './engine-service.js';

tuneEngineV8();

const parentPort = process.parentPort;
if (!parentPort) {
  console.error(
    'engine-process runs inside Electron (utilityProcess.fork); use `flotilla serve` for a standalone engine.',
  );
  process.exit(1);
}

const eventPort = (port: MessagePortMain): EventPortLike => {
  port.start();
  return {
    postMessage: (message) => port.postMessage(message),
    onClose: (listener) => port.on('close', listener),
    close: () => port.close(),
  };
};

runEngineService({
  parent: {
    postMessage: (message) => parentPort.postMessage(message),
    onMessage: (listener) => parentPort.on('message', (event) => listener(event.data, event.ports.map(eventPort))),
  },
  home: resolveHome(process.env),
  env: process.env,
  // Let the last message reach the main process before leaving.
  onClosed: () => setTimeout(() => process.exit(0), 50),
});
