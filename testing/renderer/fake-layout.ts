/**
 * jsdom lays nothing out, so every element measures 0×0 and a virtual list shows no rows. This
 * gives elements a fixed client size (a 1000×800 viewport) for the duration of a test file.
 */
export function fakeLayout(width = 1000, height = 800): () => void {
  const originals = (['clientWidth', 'clientHeight'] as const).map(
    (key) => [key, Object.getOwnPropertyDescriptor(HTMLElement.prototype, key)] as const,
  );
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => width });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => height });
  return () => {
    for (const [key, descriptor] of originals)
      if (descriptor) Object.defineProperty(HTMLElement.prototype, key, descriptor);
  };
}
