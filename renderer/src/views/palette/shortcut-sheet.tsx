import { Dialog } from '../../components/dialog.js';
import { shortcuts } from '../../hooks/shortcut-table.js';
import { useStore } from '../../store/store.js';
import { shortcutModifier } from '../sidebar/sidebar-header.js';

/** The "?" sheet: every keyboard shortcut, straight from the table that drives them. */
export function ShortcutSheet() {
  const closeOverlay = useStore((state) => state.closeOverlay);
  const modifier = shortcutModifier();
  return (
    <Dialog title="Keyboard shortcuts" onClose={closeOverlay} testId="shortcut-sheet" className="shortcut-sheet">
      <table className="shortcut-table">
        <tbody>
          {shortcuts.map((entry) => (
            <tr key={entry.id} data-testid="shortcut-row" data-shortcut={entry.id}>
              <td className="shortcut-keys">
                {entry.keys(modifier).map((key, index) => (
                  <span key={key}>
                    {index > 0 && <span className="hint"> or </span>}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </td>
              <td>{entry.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Letter keys work outside text fields; none of these work while a dialog is open, except Esc.
      </p>
    </Dialog>
  );
}
