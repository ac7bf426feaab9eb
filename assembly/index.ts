// The wasm module's exports. Every kernel takes pointers into this module's linear memory, lengths and scalars.
// Memory is managed by the host (src/worker/arena.ts) starting at heapBase(); the stub runtime allocates nothing.
export { sqEuclidean, manhattan, minkowskiPow } from './distance';
export { knnTable } from './knn';
export * from './linear';
export * from './kmeans';
export * from './sgd';
export { mlpEpoch, mlpForward, mlpParamCount } from './neural_network/mlp';
export { gemmNN, gemmNT } from './neural_network/matmul';
export * from './naive_bayes/gaussian';
export * from './mixture/gaussian';
export * from './tree/split';
export { svmGram, svmRowSquares, svmKernelMatrix, svmCrossKernel, svmCrossBase, svmDecision } from './svm/kernel';
export { svmSetKernel } from './svm/qmatrix';
export { svmSolve } from './svm/smo';

/** First byte the host may use for its own arena (after static data). */
export function heapBase(): usize {
  return __heap_base;
}
