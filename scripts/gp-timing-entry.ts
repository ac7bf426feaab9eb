// Entry bundled by scripts/gp-timing.mjs.
export { proposeGpDetailed, fitGp } from '../src/search/gp';
export { createRng } from '../src/rng';
