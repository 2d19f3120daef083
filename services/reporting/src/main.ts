// The reporting service as a process of its own (distributed mode): PostgreSQL, Kafka, port 3004.
import { runProcess } from '@cvl/platform';
import { reportingDescription } from './reporting.description';
import { ReportingModule } from './reporting.module';

runProcess({
  name: 'reporting',
  mode: 'distributed',
  defaultPort: 3004,
  schema: 'reporting',
  modules: [ReportingModule],
  docs: [{ ...reportingDescription, module: ReportingModule }],
})
  .then(({ url }) => process.stdout.write(`reporting : ${url}/api/reporting (documentation : ${url}/api/reporting/docs)\n`))
  .catch((error: Error) => {
    process.stderr.write(`reporting n'a pas démarré : ${error.message}\n`);
    process.exit(1);
  });
