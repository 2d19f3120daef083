// The renewal-urban service as a process of its own (distributed mode): PostgreSQL, Kafka, port 3002.
import { startServiceProcess } from '@cvl/platform';
import { renewalUrbanDescription } from './renewal-urban.description';
import { RenewalUrbanModule } from './renewal-urban.module';

startServiceProcess(renewalUrbanDescription, RenewalUrbanModule, 3002);
