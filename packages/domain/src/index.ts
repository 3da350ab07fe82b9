export * from './catalog';
export * from './distance';
export * from './rotating-code';
export * from './redemption-code';
