export * from './orgs';
export * from './users';
export * from './audit';
export * from './stations';
export * from './stamps';
export * from './membership';
export * from './live';
