export * from './postgres';
export * from './kafka';
export * from './wait';
export * from './process';
export * from './http';
export * from './decisions';
export * from './decision-scenario';
export * from './openapi';
