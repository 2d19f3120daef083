// The iti-feder service as a process of its own (distributed mode): PostgreSQL, Kafka, port 3003.
import { runProcess } from '@cvl/platform';
import { itiFederDescription } from './iti-feder.description';
import { ItiFederModule } from './iti-feder.module';

runProcess({
  name: 'iti-feder',
  mode: 'distributed',
  defaultPort: 3003,
  schema: 'iti_feder',
  modules: [ItiFederModule],
  docs: [{ ...itiFederDescription, module: ItiFederModule }],
})
  .then(({ url }) => process.stdout.write(`iti-feder : ${url}/api/iti-feder (documentation : ${url}/api/iti-feder/docs)\n`))
  .catch((error: Error) => {
    process.stderr.write(`iti-feder n'a pas démarré : ${error.message}\n`);
    process.exit(1);
  });
