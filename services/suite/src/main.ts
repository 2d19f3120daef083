// `npm start`: the whole suite in one process (embedded mode).
import { runProcess } from '@cvl/platform';
import { startBanner } from './banner';
import { embeddedSuite } from './suite';

runProcess(embeddedSuite)
  .then((running) => process.stdout.write(startBanner(running)))
  .catch((error: Error) => {
    process.stderr.write(`La suite n’a pas démarré : ${error.message}\n`);
    process.exit(1);
  });
