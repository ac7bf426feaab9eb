/** Search spaces: helpers to describe them (int, float, choice) and compileSpace to validate and index them. */
export { int, float, choice } from './distributions';
export type {
  Value,
  Distribution,
  IntDistribution,
  FloatDistribution,
  ChoiceDistribution,
  IntOptions,
  FloatOptions,
  SubspaceSpec,
  SpaceSpec,
} from './distributions';
export { compileSpace } from './compile';
export type { CompiledSpace } from './space';
export type { CompiledSubspace } from './subspace';
export type { Dimension } from './dimension';

import { compileSpace as compile } from './compile';
import type { SpaceSpec as Spec } from './distributions';

/** Number of grid points of a space (Infinity when a range is continuous); validates it like tune() does. */
export function spaceSize(space: Spec): number {
  return compile(space).size;
}
