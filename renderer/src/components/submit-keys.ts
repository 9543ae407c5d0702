import type { FormEvent, KeyboardEvent } from 'react';

/**
 * Form handlers that run `submit` on the submit button and on Ctrl/⌘+Enter, the send shortcut
 * of every multi-line box (composer, follow-up).
 */
export function submitHandlers(submit: () => Promise<void>): {
  onSubmit(event: FormEvent): void;
  onKeyDown(event: KeyboardEvent): void;
} {
  return {
    onSubmit(event) {
      event.preventDefault();
      void submit();
    },
    onKeyDown(event) {
      if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
        event.preventDefault();
        void submit();
      }
    },
  };
}
