/** Reads a budget field: empty is no budget, a positive number is the budget, anything else an error. */
export function readBudgetField(text: string, whole: boolean): number | null | 'invalid' {
  const trimmed = text
    .trim()
    .replace(/^\$/, '')
    .replace(/[,_\s]/g, '');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value > 0 && (!whole || Number.isInteger(value)) ? value : 'invalid';
}

/** The "Budget per task (US$)" field of the composer and Settings: dollars as typed, empty for no limit. */
export function BudgetInput({
  label,
  testId,
  title,
  value,
  onChange,
}: {
  label: string;
  testId: string;
  title: string;
  value: string;
  onChange(text: string): void;
}) {
  return (
    <label className="field">
      <span className="field-label">Budget per task (US$)</span>
      <input
        className="input"
        inputMode="decimal"
        aria-label={label}
        data-testid={testId}
        placeholder="no limit"
        title={title}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  );
}
