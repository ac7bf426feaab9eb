/** Hyperparameter importance (fANOVA on a random-forest surrogate, Optuna 3.1's evaluator). */
export { fanovaImportance } from './fanova';
export type { FanovaOptions, ImportanceColumn } from './fanova';
