export * from './envelope';
export * from './integration-bus.port';
export * from './in-process/in-process-bus';
export * from './kafka/kafka-bus';
export * from './relay';
export * from './idempotent-consumer';
export * from './contracts';
export * from './outbound';
