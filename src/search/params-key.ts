/** A canonical string per candidate (names sorted), to detect repeats whatever the key order of the objects. */
import type { Params } from '../types';

export function paramsKey(p: Params): string {
  return JSON.stringify(
    Object.keys(p)
      .sort()
      .map((k) => [k, p[k]]),
  );
}
