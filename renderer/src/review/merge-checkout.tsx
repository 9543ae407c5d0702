import type { MergePreview } from '../../../shared/diff.js';

/**
 * True when the user's checkout of the target has uncommitted files the merge would overwrite (so it cannot go
 * through).
 */
export function checkoutBlocks(preview: MergePreview | null): boolean {
  return (preview?.checkout?.blocking.length ?? 0) > 0;
}

/**
 * Under the merge preview, before Merge is pressed: what the merge does to the user's own checkout
 * of the target branch. A clean one is fast-forwarded with it; one whose uncommitted files the
 * merge changes would make git refuse, so the dialog says which files, what to do, and keeps Merge off.
 */
export function CheckoutNote({ preview, onPreviewAgain }: { preview: MergePreview; onPreviewAgain(): void }) {
  const checkout = preview.checkout;
  if (!checkout) return null;
  const path = <code className="fl-review-path">{checkout.path}</code>;
  if (checkout.blocking.length === 0) {
    return (
      <p className="fl-review-muted" data-testid="merge-checkout">
        Your checkout of <strong>{preview.into}</strong> at {path} is fast-forwarded to the merge; uncommitted edits
        there to other files stay as they are.
      </p>
    );
  }
  const one = checkout.blocking.length === 1;
  return (
    <div className="fl-review-warning" role="note" data-testid="merge-checkout" data-blocked="true">
      <p>
        Your checkout of <strong>{preview.into}</strong> at {path} has uncommitted changes to{' '}
        {one ? 'a file' : `${checkout.blocking.length} files`} this merge changes:
      </p>
      <ul aria-label="Uncommitted files in your checkout">
        {checkout.blocking.map((file) => (
          <li key={file}>
            <code>{file}</code>
          </li>
        ))}
      </ul>
      <p>
        Git will not overwrite them, so the merge would stop and <strong>{preview.into}</strong> would stay where it is.
        Commit or stash {one ? 'it' : 'them'} in that checkout (for example <code>git stash</code>), then preview again.
      </p>
      <button
        type="button"
        onClick={onPreviewAgain}
        aria-label="Preview the merge again"
        data-testid="merge-checkout-preview-again"
      >
        Preview again
      </button>
    </div>
  );
}
