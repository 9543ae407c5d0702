import type { ApprovalMode } from '../../../shared/task.js';

/** The "Approvals" picker of the composer and Settings: commands run sandboxed, or each waits for the user. */
export function ApprovalSelect({
  label,
  testId,
  value,
  onChange,
}: {
  label: string;
  testId: string;
  value: ApprovalMode;
  onChange(mode: ApprovalMode): void;
}) {
  return (
    <label className="field">
      <span className="field-label">Approvals</span>
      <select
        className="input"
        aria-label={label}
        data-testid={testId}
        value={value}
        onChange={(event) => onChange(event.target.value as ApprovalMode)}
      >
        <option value="auto">Automatic (sandboxed)</option>
        <option value="ask">Ask before each command</option>
      </select>
    </label>
  );
}
