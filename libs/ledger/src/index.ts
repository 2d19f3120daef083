export * from './types';
export * from './state';
export * from './errors';
export * from './traceability';
export * from './kernel';
export * from './invariants';
export * from './corrections';
export * from './persistent-map';
