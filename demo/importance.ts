/**
 * Hyperparameter importance: importance() of a result or a study (fANOVA: the share of the score's variation due to
 * each hyperparameter over the finished trials) drawn as plain HTML bars, longest first. Both panels use
 * renderImportance; showImportance / clearImportance are the tune() panel's.
 */
import { state } from './state';
import { els, h } from './dom';

export interface ImportanceElements {
  block: HTMLElement;
  bars: HTMLElement;
}

/** Shows the shares `compute()` gives (or why there are none) in `e`; hides the block when there is nothing to say. */
export function renderImportance(e: ImportanceElements, compute: (() => Record<string, number>) | null): void {
  e.block.hidden = true;
  e.bars.replaceChildren();
  if (!compute) return;
  let shares: Record<string, number>;
  try {
    shares = compute();
  } catch (err) {
    // Too few trials, or nothing varies: say so rather than drawing empty bars.
    e.block.hidden = false;
    e.bars.append(h('li', 'note', `No importance for these trials: ${(err as Error).message}`));
    return;
  }
  const entries = Object.entries(shares).filter(([, v]) => Number.isFinite(v)).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return;
  e.block.hidden = false;
  for (const [name, share] of entries) {
    const li = h('li', 'imp');
    const label = h('code', undefined, name);
    const track = h('span', 'imp-track');
    const bar = h('span', 'imp-bar');
    bar.style.width = `${Math.max(0.5, share * 100).toFixed(1)}%`;
    track.append(bar);
    li.append(label, track, h('span', 'imp-value', `${(share * 100).toFixed(1)}%`));
    e.bars.append(li);
  }
}

const searchBlock = (): ImportanceElements => ({ block: els.importanceBlock, bars: els.importanceBars });

export function clearImportance(): void {
  renderImportance(searchBlock(), null);
}

export function showImportance(): void {
  const res = state.result;
  renderImportance(searchBlock(), res ? () => res.importance() : null);
}
