import { useEffect, useState } from 'react';

/** Below this width (px) of the diff area a split diff falls back to unified: each side would be too narrow to read. */
export const splitMinWidth = 700;

/**
 * The width of the diff area inside the review body (the body less the file tree), kept current
 * as the window or the panes change; null until measured (or where nothing can measure it).
 */
export function useDiffWidth(body: HTMLElement | null, treeShown: boolean): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useEffect(() => {
    if (!body || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const tree = body.querySelector<HTMLElement>(':scope > .fl-review-sidebar');
      setWidth(body.clientWidth - (tree?.offsetWidth ?? 0));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(body);
    measure();
    return () => observer.disconnect();
  }, [body, treeShown]);
  return width;
}
