// `npm start`: the whole suite in one process (embedded mode), with the Lens-Liévin contract loaded on first start.
import { runProcess } from '@cvl/platform';
import { startBanner } from './banner';
import { findDataSet } from '@cvl/service-commitments';
import { headlines, loadContractOnFirstStart, registerDemoOrganisations } from './main-job';
import { loadProgrammesOnFirstStart } from './load-programmes';
import { embeddedSuite } from './suite';

async function main(): Promise<void> {
  const running = await runProcess(embeddedSuite);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const path = findDataSet();
  const loaded = await loadContractOnFirstStart(running.app, path, say);
  say(
    loaded.imported
      ? `Contrat chargé : ${loaded.eventsAppended} événements enregistrés.`
      : 'Contrat déjà chargé : rien à importer.',
  );
  const programmes = await loadProgrammesOnFirstStart(running.app, path, loaded.dataSet, say);
  if (running.infrastructure.localKey) await registerDemoOrganisations(running.app);
  process.stdout.write(startBanner(running, [...(await headlines(running.app)), ...programmes]));
}

main().catch((error: Error) => {
  process.stderr.write(`La suite n’a pas démarré : ${error.message}\n`);
  process.exit(1);
});
