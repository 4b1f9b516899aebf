import type { Rounds } from './measure.js';

/** Whether a bigger or smaller figure is better. */
export type Goal = 'higher' | 'lower';

/** One row of the benchmark table. */
export interface CaseResult {
  readonly id: string;
  readonly name: string;
  readonly unit: string;
  /** The measured figure (median), or null when the case cannot be measured yet. */
  readonly measured: number | null;
  readonly target: number | null;
  readonly goal: Goal;
  readonly rounds?: Rounds;
  /** Extra figures worth keeping (heap per execution, writes per execution, peer ratios …). */
  readonly extra?: Readonly<Record<string, number | string>>;
  readonly note?: string;
}

/** measured / target for "higher" goals, target / measured for "lower" ones (≥ 1 means met). */
export function ratio(result: CaseResult): number | null {
  if (result.measured === null || result.target === null || result.measured === 0) return null;
  return result.goal === 'higher' ? result.measured / result.target : result.target / result.measured;
}

function fmt(value: number | null): string {
  if (value === null) return '—';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toFixed(2);
}

/** Renders the results as a fixed-width table. */
export function table(results: readonly CaseResult[]): string {
  const rows = results.map((r) => {
    const q = ratio(r);
    return [
      r.id,
      r.name,
      `${fmt(r.measured)} ${r.unit}`,
      r.target === null ? '—' : `${r.goal === 'higher' ? '≥' : '≤'} ${fmt(r.target)}`,
      q === null ? '—' : `${q.toFixed(2)}${q >= 1 ? ' ✓' : ' ✗'}`,
      r.rounds === undefined ? '' : `±${(r.rounds.spread * 50).toFixed(1)}% (${r.rounds.values.length} rounds)`,
      [r.note ?? '', ...Object.entries(r.extra ?? {}).map(([k, v]) => `${k}=${typeof v === 'number' ? fmt(v) : v}`)].filter((s) => s !== '').join('; '),
    ];
  });
  const header = ['case', 'what', 'measured', 'target', 'ratio', 'spread', 'notes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
