import { testKafkaBrokers } from '@cvl/testing';
import { integrationBusContract } from './contract/integration-bus.contract';
import { KafkaBus } from './kafka/kafka-bus';

integrationBusContract('Kafka (real broker)', async () => {
  const bus = new KafkaBus({ brokers: testKafkaBrokers(), clientId: 'contract-suite' });
  if (!(await bus.ping())) throw new Error(`Kafka injoignable sur ${testKafkaBrokers().join(',')} : lancez « npm run kafka:start » ou définissez KAFKA_BROKERS.`);
  return bus;
}, 60_000);
