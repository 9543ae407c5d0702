import { useEffect, useRef, useState } from 'react';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { TerminalInfo } from '../../../shared/terminal.js';
import { ErrorText } from '../components/error-text.js';
import { useStore } from '../store/store.js';
import { errorText } from '../transport/client-error.js';
import { adoptInlineStyles } from './adopt-styles.js';

const theme = {
  background: '#17171b',
  foreground: '#ececf1',
  cursor: '#ececf1',
  selectionBackground: '#3b3b6b',
};

/** What the view writes when the shell has ended. */
export function exitLine(exit: NonNullable<TerminalInfo['exit']>): string {
  const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code ?? 0}`;
  return `\r\n\x1b[2m[The shell ended (${how}). Close this tab or open a new terminal.]\x1b[0m\r\n`;
}

/**
 * One terminal on screen: an xterm that first writes the output the engine kept (so a reload or a tab switch shows
 * what was there), then the live output from the seq after it. Keys go to the shell; the size follows the panel.
 * Output comes straight from the client's change stream, not through the store: it is too much to keep twice.
 */
export function TerminalView({ terminal }: { terminal: TerminalInfo }) {
  const host = useRef<HTMLDivElement>(null);
  const client = useStore((state) => state.client);
  const [error, setError] = useState<string | null>(null);
  const xterm = useRef<Terminal | null>(null);
  const { terminalId } = terminal;
  const exited = terminal.exit !== null;

  useEffect(() => {
    const element = host.current;
    if (!element || !client) return;
    const term = new Terminal({
      fontFamily: "ui-monospace, 'SF Mono', 'Cascadia Code', 'JetBrains Mono', Menlo, Consolas, monospace",
      fontSize: 13,
      scrollback: 5000,
      cursorBlink: true,
      theme,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    const stopStyles = adoptInlineStyles([element, document.head]);
    term.open(element);
    xterm.current = term;
    const fail = (failure: unknown) => setError(errorText(failure));

    // Output that arrives while the attach is under way is held, then written past the attach's seq.
    let seq: number | null = null;
    const early: { data: string; seq: number }[] = [];
    const write = (data: string, at: number) => {
      if (seq !== null && at <= seq) return;
      seq = at;
      term.write(data);
    };
    const stopOutput = client.onChange((change) => {
      if (change.type !== 'terminal.output' || change.terminalId !== terminalId) return;
      if (seq === null) early.push(change);
      else write(change.data, change.seq);
    });
    let live = true;
    client.call('terminal/attach', { terminalId }).then(
      (attached) => {
        if (!live) return;
        term.write(attached.scrollback);
        seq = attached.seq;
        for (const held of early) write(held.data, held.seq);
        if (attached.terminal.exit) term.write(exitLine(attached.terminal.exit));
      },
      (failure: unknown) => live && fail(failure),
    );

    const typed = term.onData((data) => {
      client.call('terminal/input', { terminalId, data }).catch(fail);
    });
    const resized = term.onResize(({ cols, rows }) => {
      client.call('terminal/resize', { terminalId, cols, rows }).catch(fail);
    });
    let frame = 0;
    const refit = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (element.clientWidth > 0 && element.clientHeight > 0) fit.fit();
      });
    };
    const observer = new ResizeObserver(refit);
    observer.observe(element);
    refit();
    term.focus();
    return () => {
      live = false;
      cancelAnimationFrame(frame);
      observer.disconnect();
      typed.dispose();
      resized.dispose();
      stopOutput();
      term.dispose();
      xterm.current = null;
      stopStyles();
    };
  }, [client, terminalId]);

  // A shell that ends while on screen says so once.
  const wasExited = useRef(exited);
  useEffect(() => {
    if (exited && !wasExited.current && terminal.exit) xterm.current?.write(exitLine(terminal.exit));
    wasExited.current = exited;
  }, [exited, terminal.exit]);

  return (
    <div className="terminal-view">
      <ErrorText error={error} />
      <div
        ref={host}
        className="terminal-screen"
        data-testid="terminal-screen"
        // Every key belongs to the shell (Ctrl+K, Ctrl+N…), not to the app's shortcuts.
        onKeyDown={(event) => event.stopPropagation()}
      />
    </div>
  );
}
