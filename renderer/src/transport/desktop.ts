import type { Bridge, DesktopBridge } from '../../../shared/bridge.js';

/** The desktop-only actions of `window.flotilla` (open a folder, pick a folder…), or null in a browser. */
export function desktopBridge(): DesktopBridge | null {
  if (typeof window === 'undefined') return null;
  const bridge = (window as Window & { flotilla?: Bridge & Partial<DesktopBridge> }).flotilla;
  return bridge && typeof bridge['dialog/pickFolder'] === 'function' ? (bridge as unknown as DesktopBridge) : null;
}
