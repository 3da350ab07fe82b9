export * from './catalog';
export * from './distance';
export * from './rotating-code';
export * from './redemption-code';
export * from './idcard';
export * from './phone';
export * from './masking';
export * from './membership';
