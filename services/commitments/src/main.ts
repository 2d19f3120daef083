// The commitments service as a process of its own (distributed mode): PostgreSQL, Kafka, port 3001.
import { runProcess } from '@cvl/platform';
import { commitmentsDescription } from './commitments.description';
import { CommitmentsModule } from './commitments.module';

runProcess({
  name: 'commitments',
  mode: 'distributed',
  defaultPort: 3001,
  schema: 'commitments',
  modules: [CommitmentsModule],
  docs: [{ ...commitmentsDescription, module: CommitmentsModule }],
})
  .then(({ url }) => process.stdout.write(`commitments : ${url}/api/commitments (documentation : ${url}/api/commitments/docs)\n`))
  .catch((error: Error) => {
    process.stderr.write(`commitments n'a pas démarré : ${error.message}\n`);
    process.exit(1);
  });
