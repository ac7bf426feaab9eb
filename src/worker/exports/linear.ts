/** Exports of assembly/linear.ts (pointers and lengths are plain numbers in wasm32). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as kernels are added
export interface LinearKernels {}
