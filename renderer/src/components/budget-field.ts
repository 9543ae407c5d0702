/** Reads a budget field: empty is no budget, a positive number is the budget, anything else an error. */
export function readBudgetField(text: string, whole: boolean): number | null | 'invalid' {
  const trimmed = text.trim().replace(/^\$/, '').replace(/[,_\s]/g, '');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value > 0 && (!whole || Number.isInteger(value)) ? value : 'invalid';
}
