/**
 * Hyperparameter importance: result.importance() (fANOVA: the share of the score's variation due to each
 * hyperparameter over the finished trials) drawn as plain HTML bars, longest first.
 */
import { state } from './state';
import { els, h } from './dom';

export function clearImportance(): void {
  els.importanceBlock.hidden = true;
  els.importanceBars.replaceChildren();
}

export function showImportance(): void {
  const res = state.result;
  clearImportance();
  if (!res) return;
  let shares: Record<string, number>;
  try {
    shares = res.importance();
  } catch (e) {
    // Too few trials, or nothing varies: say so rather than drawing empty bars.
    els.importanceBlock.hidden = false;
    els.importanceBars.append(h('li', 'note', `No importance for this search: ${(e as Error).message}`));
    return;
  }
  const entries = Object.entries(shares).filter(([, v]) => Number.isFinite(v)).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return;
  els.importanceBlock.hidden = false;
  for (const [name, share] of entries) {
    const li = h('li', 'imp');
    const label = h('code', undefined, name);
    const track = h('span', 'imp-track');
    const bar = h('span', 'imp-bar');
    bar.style.width = `${Math.max(0.5, share * 100).toFixed(1)}%`;
    track.append(bar);
    li.append(label, track, h('span', 'imp-value', `${(share * 100).toFixed(1)}%`));
    els.importanceBars.append(li);
  }
}
