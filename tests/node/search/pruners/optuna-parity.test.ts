import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPruner } from '../../../../src/search/pruners';
import type { PrunerOptions, PrunerTrial } from '../../../../src/search/pruners';

type Enc = number | 'nan' | 'inf' | '-inf';
interface Case {
  name: string;
  kind: 'median' | 'percentile';
  direction: 'maximize' | 'minimize';
  options: Omit<PrunerOptions, 'kind'>;
  completed: Record<string, Enc>[];
  others: [string, Record<string, Enc>][];
  trial: Record<string, Enc>;
  prune: boolean;
}

const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/optuna/pruners.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};

const dec = (v: Enc): number => (v === 'nan' ? Number.NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v);
const toMap = (iv: Record<string, Enc>) => new Map(Object.entries(iv).map(([k, v]) => [Number(k), dec(v)]));
const stateOf = (s: string): PrunerTrial['state'] => (s === 'fail' ? 'failed' : s === 'pruned' ? 'pruned' : 'running');

describe('pruners equal Optuna 3.1 (tests/fixtures/optuna/pruners.json)', () => {
  it('the fixture has both outcomes', () => {
    expect(fixture.cases.some((c) => c.prune)).toBe(true);
    expect(fixture.cases.some((c) => !c.prune)).toBe(true);
  });
  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const pruner = createPruner({ kind: c.kind, ...c.options }, c.direction);
    const others: PrunerTrial[] = [
      ...c.completed.map((iv) => ({ intermediate: toMap(iv), state: 'complete' as const })),
      ...c.others.map(([s, iv]) => ({ intermediate: toMap(iv), state: stateOf(s) })),
    ];
    expect(pruner.shouldPrune({ intermediate: toMap(c.trial) }, others)).toBe(c.prune);
  });
});
