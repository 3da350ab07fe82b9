export * from './catalog';
export * from './distance';
export * from './rotating-code';
export * from './redemption-code';
export * from './idcard';
export * from './phone';
export * from './masking';
export * from './membership';
export * from './geo';
export * from './scene';
export * from './opening-hours';
export * from './contact-phone';
// signed-code.ts is server-only (node:crypto) and stays out of this index, which the mini-program bundles.
export * from './text';
export * from './subscribe-message';
export * from './live';
export * from './shanghai-time';
