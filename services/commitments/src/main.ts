// The commitments service as a process of its own (distributed mode): PostgreSQL, Kafka, port 3001.
import { startServiceProcess } from '@cvl/platform';
import { commitmentsDescription } from './commitments.description';
import { CommitmentsModule } from './commitments.module';

startServiceProcess(commitmentsDescription, CommitmentsModule, 3001);
