// Public surface of the ownership computation. Internals (per-subject analysis, heap, Tarjan)
// stay unexported so they can change freely.
export { effectiveInterest, effectiveOwners } from './effective-owners';
export type { EffectiveOwnersOptions } from './effective-owners';
export { integratedEconomicInterest } from './economic';
export { screenOwners } from './screen';
export type { IntegratedInterest } from './economic';
export { isBoardRole, isInForce, OwnershipGraph } from './graph';
export type {
  EconomicHolding,
  OwnershipGraphOptions,
  OwnershipNode,
  OwnershipStatement,
} from './graph';
export { combineSameInterest, isCountable, readShare } from './share';
export type { ShareBounds } from './share';
