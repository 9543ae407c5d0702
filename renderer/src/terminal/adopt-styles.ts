/**
 * xterm.js sizes its rows and colours its text with `<style>` elements it writes itself. The page's Content Security
 * Policy (style-src 'self', no inline styles) keeps such elements from applying, so this copies each one's text into
 * a constructed stylesheet adopted by the document (the CSSOM, which the policy allows) and keeps it in step while
 * xterm rewrites or removes it. Watches `roots` (the terminal's element, the document head); returns the stop
 * function, which drops the adopted sheets.
 */
export function adoptInlineStyles(roots: readonly Node[], doc: Document = document): () => void {
  const sheets = new Map<HTMLStyleElement, CSSStyleSheet>();
  const sync = () => {
    const present = new Set(roots.flatMap((root) => [...(root as ParentNode).querySelectorAll('style')]));
    for (const [element, sheet] of sheets) {
      if (present.has(element)) continue;
      sheets.delete(element);
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((one) => one !== sheet);
    }
    for (const element of present) {
      let sheet = sheets.get(element);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheets.set(element, sheet);
        doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      }
      const text = element.textContent ?? '';
      if (cssText.get(sheet) !== text) {
        sheet.replaceSync(text);
        cssText.set(sheet, text);
      }
    }
  };
  const observer = new MutationObserver(() => sync());
  for (const root of roots) observer.observe(root, { childList: true, subtree: true, characterData: true });
  sync();
  return () => {
    observer.disconnect();
    const dropped = new Set(sheets.values());
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((one) => !dropped.has(one));
    sheets.clear();
  };
}

const cssText = new WeakMap<CSSStyleSheet, string>();
