export * from './idcard';
export * from './phone';
export * from './geo';
export * from './scene';
