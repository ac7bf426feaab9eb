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
