export * from './schema';
export * from './client';
export { seedDemoData, isSeeded, DEMO_OPENIDS, DEMO_REDEMPTION_CODE, type ShowcasePorts } from './seed';
export { rowsOf } from './rows';
export { checkInvariants, type InvariantReport } from './invariants';
export { runStatement, type Statement } from './prepared';
