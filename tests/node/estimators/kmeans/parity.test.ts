/**
 * Lloyd from fixed initial centres against scikit-learn 1.2.1 (tests/fixtures/reference/metrics_and_kmeans.json,
 * cases kmeans_wine_k3 / kmeans_wine_k5: KMeans(init=rows of wine.csv, n_init=1, tol=0) on unscaled wine).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createKernels } from '../../../../src/worker/kernels';
import { lloydFromCentres } from '../../../../src/estimators/kmeans-core';
import { loadDataset } from '../../../helpers/fixtures';

interface KmeansCase {
  init_rows: number[];
  centers: number[][];
  inertia: number;
  labels: number[];
  n_iter: number;
}

const reference = JSON.parse(
  readFileSync(fileURLToPath(new URL('../../../fixtures/reference/metrics_and_kmeans.json', import.meta.url)), 'utf8'),
) as Record<string, KmeansCase>;

describe('kmeans parity with scikit-learn (Lloyd from given centres, wine, unscaled)', () => {
  const wine = loadDataset('wine');
  const d = wine.X[0].length;

  it.each(['kmeans_wine_k3', 'kmeans_wine_k5'])('%s: centres, inertia, labels and iterations', (name) => {
    const ref = reference[name];
    const kernels = createKernels();
    const ptr = kernels.arena.allocF64(Float64Array.from(wine.X.flat()));
    const side = { ptr, rows: wine.X.length, cols: d, y: null };
    const init = Float64Array.from(ref.init_rows.flatMap((r) => wine.X[r]));
    const fit = lloydFromCentres(kernels, side, init, 300, 0);

    expect([...fit.labels]).toEqual(ref.labels);
    expect(fit.nIter).toBe(ref.n_iter);
    ref.centers.forEach((row, j) =>
      row.forEach((v, f) => {
        expect(Math.abs(fit.centres[j * d + f] - v), `centre ${j} feature ${f}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
      }),
    );
    expect(Math.abs(fit.inertia - ref.inertia)).toBeLessThanOrEqual(1e-9 * ref.inertia);
    // The arena is back where it was: lloydFromCentres frees its own blocks.
    expect(kernels.arena.mark()).toBe(ptr + Math.ceil((wine.X.length * d * 8) / 16) * 16);
  });
});
