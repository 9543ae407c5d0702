/**
 * How a dollar amount is written: `exact` (the CLI, messages) shows what was spent to the cent, and small amounts to
 * a hundredth of a cent ("$0", "$0.0042", "$1.50"); `short` (the window's tight spots) keeps it brief and says nothing
 * for nothing spent ("", "<$0.01", "$1.50", "$12.3").
 */
export type MoneyStyle = 'exact' | 'short';

/** A cost in US dollars, the one formatter the CLI, the engine's messages and the window share. */
export function formatUsd(usd: number, style: MoneyStyle = 'exact'): string {
  switch (style) {
    case 'exact':
      if (usd === 0) return '$0';
      return usd < 0.01 ? `$${usd.toFixed(4)}` : `$${usd.toFixed(2)}`;
    case 'short':
      if (usd <= 0) return '';
      if (usd < 0.01) return '<$0.01';
      return `$${usd < 10 ? usd.toFixed(2) : usd.toFixed(1)}`;
    default: {
      const unreachable: never = style;
      return String(unreachable);
    }
  }
}
