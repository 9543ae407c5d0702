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
  caption = 'Budget per task (US$)',
  testId,
  title,
  value,
  onChange,
}: {
  label: string;
  /** The visible label; the composer names the whole group's budget for several attempts. */
  caption?: string;
  testId: string;
  title: string;
  value: string;
  onChange(text: string): void;
}) {
  return (
    <label className="field">
      <span className="field-label">{caption}</span>
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
