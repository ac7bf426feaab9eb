/** Exports of assembly/sgd.ts (pointers and lengths are plain numbers in wasm32). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as kernels are added
export interface SgdKernels {}
