// The renewal-urban service as a process of its own (distributed mode): PostgreSQL, Kafka, port 3002.
import { runProcess } from '@cvl/platform';
import { renewalUrbanDescription } from './renewal-urban.description';
import { RenewalUrbanModule } from './renewal-urban.module';

runProcess({
  name: 'renewal-urban',
  mode: 'distributed',
  defaultPort: 3002,
  schema: 'renewal_urban',
  modules: [RenewalUrbanModule],
  docs: [{ ...renewalUrbanDescription, module: RenewalUrbanModule }],
})
  .then(({ url }) => process.stdout.write(`renewal-urban : ${url}/api/renewal-urban (documentation : ${url}/api/renewal-urban/docs)\n`))
  .catch((error: Error) => {
    process.stderr.write(`renewal-urban n'a pas démarré : ${error.message}\n`);
    process.exit(1);
  });
