import v8 from 'node:v8';

/**
 * Tunes V8 for a process that hosts an engine for hours (`flotilla serve`, the desktop app's engine process): no
 * TurboFan. The engine spends its time waiting on git, agents and sockets; TurboFan's optimised code and the memory its
 * compiles leave behind cost it about 7 MB after long use (`npm run bench`, memory: (c) 77.6 → 70.2 MB), for speed it
 * rarely needs: task creation and window start-up get slower but stay well inside their targets. Hot functions still
 * get baseline code (Sparkplug), and Maglev where V8 has it on (Node 22 and later). FLOTILLA_TURBOFAN=1 keeps TurboFan,
 * to compare.
 */
export function tuneEngineV8(env: NodeJS.ProcessEnv = process.env): void {
  if (env.FLOTILLA_TURBOFAN === '1') return;
  v8.setFlagsFromString('--no-opt');
}
