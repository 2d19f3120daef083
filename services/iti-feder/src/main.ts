// The iti-feder service as a process of its own (distributed mode): PostgreSQL, Kafka, port 3003.
import { startServiceProcess } from '@cvl/platform';
import { itiFederDescription } from './iti-feder.description';
import { ItiFederModule } from './iti-feder.module';

startServiceProcess(itiFederDescription, ItiFederModule, 3003);
