export * from './roles';
export * from './actor';
export * from './policy.decorators';
export * from './tokens';
export * from './secret-box';
export * from './passwords';
