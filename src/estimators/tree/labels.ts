import { TuneError } from '../../errors';

/**
 * Tree and forest classifiers take class labels: integers (any sign), not measurements. A continuous target
 * (e.g. 0.37, 1.82) would make every distinct value a class of its own, which is almost always a mistake.
 */
export function checkClassLabels(model: string, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) {
    if (!Number.isInteger(y[i])) {
      const regressor = model.replace('classifier', 'regressor');
      throw new TuneError(
        'TARGET_NOT_LABELS',
        `${model} needs class labels (integers) in data.y, but row ${i} has ${y[i]}. For a continuous target use ` +
          `'${regressor}'; for labels stored as numbers, map them to integers (e.g. their index among the classes).`,
        { row: i, value: y[i] },
      );
    }
  }
}
