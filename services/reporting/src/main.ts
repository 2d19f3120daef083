// The reporting service as a process of its own (distributed mode): PostgreSQL, Kafka, port 3004.
import { startServiceProcess } from '@cvl/platform';
import { reportingDescription } from './reporting.description';
import { ReportingModule } from './reporting.module';

startServiceProcess(reportingDescription, ReportingModule, 3004);
