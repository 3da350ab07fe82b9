export * from './schema';
export * from './client';
export { seedDemoData, isSeeded, DEMO_OPENIDS } from './seed';
export { rowsOf } from './rows';
