import { MessageChannelMain, utilityProcess, type MessagePortMain, type WebContents } from 'electron';
import type { EngineChild, EngineLink } from './engine-link.js';
import { rendererChannels } from '../common/ipc-gate.js';

/**
 * Forks engine processes: Electron utility processes running `entry` (out/main/engine-process.cjs)
 * with FLOTILLA_HOME set to the app's data folder, so the engine never runs on the main thread.
 */
export function engineProcessFactory(entry: string, home: string): () => EngineChild {
  return () => {
    const child = utilityProcess.fork(entry, [], {
      serviceName: 'Flotilla Engine',
      env: { ...process.env, FLOTILLA_HOME: home },
      stdio: 'inherit',
    });
    return {
      postMessage: (message, port) => child.postMessage(message, port ? [port as MessagePortMain] : []),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', listener),
      kill: () => void child.kill(),
    };
  };
}

/**
 * Connects a window to the engine's event stream (or a remote host's, through the engine process): a
 * MessageChannelMain whose one port goes to the engine process and the other to the window's preload, with the host
 * name (null: this machine's), so events never pass through main one by one.
 */
export function connectEventPort(link: EngineLink, contents: WebContents, host: string | null = null): boolean {
  if (contents.isDestroyed()) return false;
  const { port1, port2 } = new MessageChannelMain();
  if (!link.attachEvents(port1, host ?? undefined)) {
    port1.close();
    port2.close();
    return false;
  }
  contents.postMessage(rendererChannels.engineEvents, host, [port2]);
  return true;
}
