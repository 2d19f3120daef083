export * from './cents';
export * from './errors';
export * from './format';
export * from './parse';
export * from './allocate';
