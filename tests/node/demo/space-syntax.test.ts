/** The demo's syntax for list-valued hyperparameters (demo/space-syntax.ts): layer lists and number arrays. */
import { describe, it, expect } from 'vitest';
import { parseLayers, parseNumberArrays } from '../../../demo/space-syntax';

describe('parseLayers (hiddenLayerSizes)', () => {
  it('reads bracketed lists of positive integers, dropping repeats', () => {
    expect(parseLayers('[64], [128, 64], [64]')).toEqual([[64], [128, 64]]);
    expect(parseLayers('  ')).toBeNull();
  });
  it('refuses null, fractions, zero and text outside brackets', () => {
    expect(() => parseLayers('null, [8]')).toThrow(/in brackets/);
    expect(() => parseLayers('[8.5]')).toThrow(/positive integers/);
    expect(() => parseLayers('[0]')).toThrow(/positive integers/);
    expect(() => parseLayers('64')).toThrow(/in brackets/);
  });
});

describe('parseNumberArrays (gaussian-nb priors)', () => {
  it('reads null and arrays of numbers >= 0', () => {
    expect(parseNumberArrays('null, [0.2, 0.3, 0.5], [0, 0.5, 0.5]', true)).toEqual([null, [0.2, 0.3, 0.5], [0, 0.5, 0.5]]);
    expect(parseNumberArrays('null', true)).toEqual([null]);
    expect(parseNumberArrays('[1e-1, 0.9]', false)).toEqual([[0.1, 0.9]]);
  });
  it('refuses null when the schema does not allow it, negatives, NaN and empty arrays', () => {
    expect(() => parseNumberArrays('null', false)).toThrow(/in brackets/);
    expect(() => parseNumberArrays('[-0.1, 1.1]', true)).toThrow(/numbers >= 0/);
    expect(() => parseNumberArrays('[a, 1]', true)).toThrow(/numbers >= 0/);
    expect(() => parseNumberArrays('[]', true)).toThrow(/numbers >= 0/);
    expect(() => parseNumberArrays('0.2, 0.8', true)).toThrow(/e\.g\. null, \[0\.2, 0\.3, 0\.5\]/);
  });
});
