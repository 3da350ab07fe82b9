export * from './catalog';
export * from './idcard';
export * from './phone';
export * from './masking';
export * from './membership';
