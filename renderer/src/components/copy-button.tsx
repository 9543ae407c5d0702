import { useState } from 'react';
import { CheckIcon, CopyIcon } from './icons.js';

/** A small button that copies a text (a path, a commit) and says so. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    } catch {
      // Clipboard access can be refused (no focus, no permission); selecting the text still works.
      setCopied(false);
    }
  };
  return (
    <button type="button" className="icon-button" aria-label={label} title={label} onClick={() => void copy()}>
      {copied ? <CheckIcon /> : <CopyIcon />}
    </button>
  );
}
