import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatEurosFr } from '@cvl/money';
import { verifyAuditPack } from '@cvl/event-store';
import type { Page } from 'playwright-core';
import { DEMO_ACCOUNTS } from '../../services/suite/src/sign-in/demo-accounts';
import {
  api,
  ARTIFACTS,
  checkPage,
  newPage,
  signInAs,
  startSuiteAndBrowser,
  type RunningSuite,
} from './browser-harness';

// The web application in a real Chromium, against the suite as `npm start` runs it: each user journey of the issue,
// as its users would do it, with axe-core's A and AA rules on every page it passes through.

const fr = (cents: bigint) => formatEurosFr(cents);
const MENU = [
  'Tableau de bord',
  'Relevé',
  'Matrice de cofinancement',
  'Opérations',
  'Avenants',
  'Échéances',
  'Leviers',
  'Préfinancement',
  'Contrôles',
  'Imports',
  'Exports',
];

/** Presses Tab until the focused element says `text` (its text or accessible label), at most 80 times: a keyboard user's way. */
async function tabTo(page: Page, text: RegExp): Promise<void> {
  for (let presses = 0; presses < 80; presses++) {
    await page.keyboard.press('Tab');
    // Read in the page (a string: the browser's DOM types are not this test's).
    const focused = (await page.evaluate(`(() => {
      const element = document.activeElement;
      if (!element) return '';
      const label = element.id ? document.querySelector('label[for="' + element.id + '"]')?.textContent : '';
      return ((element.getAttribute('aria-label') || '') + ' ' + (label || '') + ' ' + (element.innerText || '')).trim();
    })()`)) as string;
    if (text.test(focused)) return;
  }
  throw new Error(`« ${text} » jamais atteint au clavier`);
}

async function menuOf(page: Page): Promise<string[]> {
  const items = await page.locator('nav.fr-nav a.fr-nav__link').allInnerTexts();
  return items.map((text) => text.trim()).filter((text) => MENU.includes(text));
}

describe('the web application in Chromium (browser)', () => {
  let suite: RunningSuite;
  beforeAll(async () => {
    suite = await startSuiteAndBrowser();
  }, 240_000);
  afterAll(async () => suite?.stop());

  it('opens on the DSFR sign-in, in French, with nothing of the ledger shown before signing in', async () => {
    const page = await newPage(suite.browser, suite.url);
    await page.goto('/');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Se connecter au grand livre');
    expect(await page.locator('.fr-header').count()).toBe(1);
    expect(await menuOf(page)).toEqual([]);
    expect(await checkPage(page, '00-connexion')).toEqual([]);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/connexion\/interaction\//);
    expect(await checkPage(page, '01-choix-du-compte')).toEqual([]);
    // Any address of the application opens it (a bookmark, a shared link); the API and missing files keep their 404.
    const view = await page.request.get('/releve/maisons-et-cites', { headers: { Accept: 'text/html' } });
    expect([view.status(), await view.text()]).toEqual([200, expect.stringContaining('<div id="racine">')]);
    for (const path of ['/assets/absent.js', '/dsfr/absent.css', '/api/absent']) {
      const missing = await page.request.get(path, { headers: { Accept: 'text/html' } });
      expect([path, missing.status(), (await missing.json()).title]).toEqual([path, 404, 'Ressource introuvable']);
    }
    await page.context().close();
  });

  // What each role's dashboard is called and which views its menu holds (a financeur's is named after its funder).
  const LANDING: Record<string, { heading: RegExp; menu: string[] }> = {
    pilotage: {
      heading: /^Tableau de bord du contrat$/,
      menu: [
        'Tableau de bord',
        'Relevé',
        'Matrice de cofinancement',
        'Opérations',
        'Avenants',
        'Échéances',
        'Leviers',
        'Préfinancement',
        'Contrôles',
        'Exports',
      ],
    },
    auditeur: {
      heading: /^Tableau de bord du contrat$/,
      menu: [
        'Tableau de bord',
        'Relevé',
        'Matrice de cofinancement',
        'Opérations',
        'Avenants',
        'Échéances',
        'Leviers',
        'Préfinancement',
        'Contrôles',
        'Exports',
      ],
    },
    admin: { heading: /^Tableau de bord du contrat$/, menu: MENU },
    financeur: {
      heading: /^Tableau de bord — \S/,
      menu: [
        'Tableau de bord',
        'Relevé',
        'Matrice de cofinancement',
        'Opérations',
        'Avenants',
        'Échéances',
        'Préfinancement',
        'Exports',
      ],
    },
    'instructeur-anru': { heading: /^Tableau de bord — ANRU$/, menu: ['Tableau de bord', 'Opérations'] },
    'autorite-gestion': { heading: /^Tableau de bord — autorité de gestion$/, menu: ['Tableau de bord', 'Opérations'] },
    'maitre-ouvrage': {
      heading: /^Tableau de bord — maîtrise d’ouvrage$/,
      menu: ['Tableau de bord', 'Opérations', 'Préfinancement'],
    },
    exploitation: { heading: /^Tableau de bord — exploitation$/, menu: ['Tableau de bord', 'Contrôles', 'Imports'] },
  };

  it.each(DEMO_ACCOUNTS.map((account) => [account.name, account] as const))(
    '%s lands on its own dashboard and its menu holds only what its role allows',
    async (_name, account) => {
      const expected = LANDING[account.roles[0]];
      const page = await newPage(suite.browser, suite.url);
      await signInAs(page, account.name);
      await page.getByRole('heading', { level: 1, name: expected.heading }).waitFor();
      if (account.roles[0] === 'financeur') await page.locator('.fr-card', { hasText: 'Reste à payer' }).waitFor();
      expect(await menuOf(page)).toEqual(expected.menu);
      expect(await page.locator('.fr-alert--error').count()).toBe(0);
      expect(await checkPage(page, `02-tableau-de-bord-${account.subject}`)).toEqual([]);
      await page.context().close();
    },
  );

  it('a person signs in, chooses an account and reaches a statement with the keyboard alone', async () => {
    const page = await newPage(suite.browser, suite.url);
    await page.goto('/');
    await tabTo(page, /^Se connecter$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/connexion\/interaction\//);
    await tabTo(page, /Équipe du contrat de ville \(CALL\)/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Se connecter$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord du contrat' }).waitFor();
    await tabTo(page, /^Maisons et Cités Soginorpa$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Relevé de Maisons et Cités Soginorpa' }).waitFor();
    await page.context().close();
  });

  it('a financeur drills from its total to a commitment, its history, and the document line it comes from — and is refused another funder', async () => {
    const page = await newPage(suite.browser, suite.url);
    await signInAs(page, 'Direction financière de Maisons et Cités');
    // Maisons et Cités' 258 750 000 € are conditional on the TFPB abatement: the dashboard says so, to the cent.
    const conditional = page.locator('.fr-card', { hasText: 'Conditionnel' });
    await expect(conditional.innerText()).resolves.toContain(fr(25_875_000_000n));
    await checkPage(page, '10-financeur-tableau-de-bord');
    await conditional.getByRole('link').click();
    await page.waitForURL(/\/releve\/maisons-et-cites\?statut=conditional/);
    await page.getByRole('heading', { name: /Engagements — montant conditionnel \(7\)/ }).waitFor();
    expect(await checkPage(page, '11-financeur-releve')).toEqual([]);
    await page.getByRole('link', { name: 'Construction de 750 logements neufs' }).click();
    await page.waitForURL(/\/engagements\/mc-investissement-construction/);
    const history = page.locator('table', { hasText: 'Historique des écritures' });
    await expect(history.innerText()).resolves.toContain('engagement inscrit');
    await expect(history.innerText()).resolves.toContain(fr(11_000_000_000n));
    // The document line the booking cites, in the document's own words.
    const cited = page.getByTestId('ligne-citee');
    await expect(cited.innerText()).resolves.toMatch(/750 logements/);
    expect(await checkPage(page, '12-financeur-ligne-du-document')).toEqual([]);
    await page.goto('/releve/anru');
    await page
      .getByText(/Accès refusé/)
      .first()
      .waitFor();
    // Signed out, the person is asked again who they are (the provider's session does not sign them back in).
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Se connecter au grand livre' }).waitFor();
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/connexion\/interaction\//);
    await page.getByRole('heading', { level: 2, name: 'Qui êtes-vous ?' }).waitFor();
    await page.context().close();
  });

  it('the CALL filters the matrix by funder and by year, and drills a cell to the commitments and events that make it', async () => {
    const page = await newPage(suite.browser, suite.url);
    await signInAs(page, 'Équipe du contrat de ville (CALL)');
    await page.getByRole('link', { name: 'Matrice de cofinancement' }).first().click();
    await page.getByLabel('Financeur', { exact: true }).selectOption('call');
    await page.locator('label', { hasText: 'Années' }).click();
    await page.waitForURL(/colonnes=year/);
    const table = page.locator('table', { hasText: 'financeurs × années' });
    const headers = await table.locator('thead th').allInnerTexts();
    expect(headers).toEqual(['Financeur', '2015', '2016', '2017', 'Total']);
    // Pas-de-Calais Habitat's requests to the CALL: 1,7 M€ in 2015, 1,6 M€ in 2016, 1,7 + 1,5 M€ in 2017.
    await expect(table.locator('tfoot').innerText()).resolves.toContain(fr(650_000_000n));
    expect(await checkPage(page, '20-call-matrice')).toEqual([]);
    await table.getByRole('link', { name: new RegExp(`2017 : ${fr(320_000_000n)}`) }).click();
    const provenance = page.locator('section', { hasText: 'D’où vient cette case' });
    await provenance.locator('table').first().waitFor();
    const lines = await provenance.locator('tbody tr').count();
    expect(lines).toBe(2);
    await expect(provenance.innerText()).resolves.toContain('document, ligne');
    expect(await checkPage(page, '21-call-provenance')).toEqual([]);
    await page.context().close();
  });

  it('ANRU compares two signed versions of the préfiguration maquette', async () => {
    const base = '/api/renewal-urban/protocols/npnru-call';
    const effect = (effectiveDate: string) => ({
      effectiveDate,
      source: { kind: 'document', document: 'contrat-de-ville-lens-lievin-2015-2020', line: 3521 },
    });
    const group = [
      { code: 'call', weight: 40 },
      { code: 'ville-lens', weight: 20 },
      { code: 'ville-avion', weight: 20 },
      { code: 'ville-lievin', weight: 20 },
    ];
    await api(suite, 'PUT', `${base}/purchasing-group`, { members: group, trace: effect('2015-11-01') });
    await api(suite, 'POST', `${base}/operations`, {
      operationId: 'etude-urbaine',
      label: 'Étude urbaine de préfiguration',
      nature: 'etude',
      projectOwner: 'call',
      quartier: 'QP062024',
      eligibleBase: '300000.00',
      start: '2016-03-01',
      end: '2016-12-31',
      costsFrom: '2016-03-01',
      boughtByGroup: true,
      trace: effect('2015-12-01'),
    });
    const plan = (anru: string, group: string, at: string) =>
      api(suite, 'PUT', `${base}/operations/etude-urbaine/financing-plan`, {
        lines: [{ funder: 'anru', amount: anru }],
        groupShare: group,
        trace: effect(at),
      });
    await plan('150000.00', '150000.00', '2016-01-10');
    await api(suite, 'POST', `${base}/submission`, { trace: effect('2016-02-01') });
    await api(suite, 'POST', `${base}/committee`, { date: '2016-02-15', trace: effect('2016-02-15') });
    await api(suite, 'POST', `${base}/signature`, {
      reference: 'Protocole NPNRU CALL',
      date: '2016-06-15',
      trace: effect('2016-06-15'),
    });
    await plan('120000.00', '180000.00', '2017-08-01');
    await api(suite, 'POST', `${base}/amendments`, {
      reference: 'Avenant n° 1',
      date: '2017-09-01',
      trace: effect('2017-09-01'),
    });

    const page = await newPage(suite.browser, suite.url);
    await signInAs(page, 'ANRU — chargé de mission territorial');
    await page.getByRole('link', { name: 'Opérations' }).first().click();
    await page.getByRole('link', { name: 'Protocole NPNRU' }).click();
    await page.getByLabel('Version de départ', { exact: true }).selectOption('1');
    await page.getByLabel('Version d’arrivée', { exact: true }).selectOption('2');
    const diff = page.locator('table', { hasText: 'Ce que l’avenant a changé' });
    await diff.waitFor();
    const anru = diff.locator('tbody tr', { hasText: 'Agence Nationale pour la Rénovation Urbaine' });
    await expect(anru.innerText()).resolves.toContain(fr(15_000_000n));
    await expect(anru.innerText()).resolves.toContain(fr(12_000_000n));
    await expect(anru.innerText()).resolves.toContain(fr(-3_000_000n));
    expect(await checkPage(page, '30-anru-comparaison-des-versions')).toEqual([]);
    await page.context().close();
  });

  it('an auditor reads the reconciliation, downloads the audit pack and verifies it offline with the key shown', async () => {
    const page = await newPage(suite.browser, suite.url);
    await signInAs(page, 'Chambre régionale des comptes');
    // An auditor reads every funder's statement: it chooses whose.
    await page.getByRole('link', { name: 'Relevé' }).first().click();
    await page.getByText('Choisissez le financeur dont vous voulez le relevé.').waitFor();
    await page.getByLabel('Financeur', { exact: true }).selectOption('maisons-et-cites');
    await page.getByRole('heading', { level: 1, name: 'Relevé de Maisons et Cités Soginorpa' }).waitFor();
    await page.locator('table', { hasText: 'Engagements de Maisons et Cités Soginorpa' }).waitFor();
    expect(await checkPage(page, '40-auditeur-releve')).toEqual([]);
    await page.getByRole('link', { name: 'Contrôles' }).first().click();
    await page.locator('table', { hasText: 'Chaque total, produit et part recalculé' }).waitFor();
    await page.locator('table', { hasText: 'Chaînes d’empreintes' }).waitFor();
    expect(await checkPage(page, '41-auditeur-controles')).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Télécharger le paquet d’audit' }).click(),
    ]);
    const file = join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(file);
    const shown = page.locator('.fr-alert--success', { hasText: 'Paquet téléchargé' });
    const keyId = /clé du journal (\S+)\./.exec(await shown.innerText())?.[1];
    expect(keyId).toMatch(/^[0-9a-f]{16}$/);
    const report = verifyAuditPack(JSON.parse(readFileSync(file, 'utf8')), { trustedKeyId: keyId });
    expect(report).toMatchObject({ ok: true, trustedKey: 'confirmée', problemCount: 0 });
    expect(report.eventsChecked).toBeGreaterThan(200);
    expect(await checkPage(page, '42-auditeur-paquet-telecharge')).toEqual([]);
    await page.context().close();
  });

  it('an import with errors lists each one (file, row, column, reason) and writes nothing', async () => {
    const broken = join(ARTIFACTS, 'jeu-avec-erreurs.json');
    writeFileSync(
      broken,
      JSON.stringify({
        document: 'contrat-de-ville-lens-lievin-2015-2020',
        effectiveDate: '2015-07-01',
        references: [{ kind: 'funder', code: 'fonds-essai', name: 'Fonds d’essai', attributes: {} }],
        conditions: [],
        envelopes: [],
        figures: [
          {
            id: 'essai-1',
            line: 3521,
            section: 'essai',
            text: '10 k€',
            role: 'booking',
            funder: 'fonds-essai',
            amount: 'beaucoup',
            scale: 'CALL',
          },
        ],
      }),
    );
    const before = (await (await api(suite, 'GET', '/api/commitments/events?limit=1000')).json()) as {
      events: unknown[];
    };
    const page = await newPage(suite.browser, suite.url);
    await signInAs(page, 'Exploitation de la plateforme');
    await page.getByRole('link', { name: 'Imports' }).first().click();
    expect(await checkPage(page, '50-import-choix')).toEqual([]);
    await page.getByLabel(/^Fichier du jeu de données/).setInputFiles(broken);
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    const report = page.locator('section', { hasText: 'Rapport de vérification' });
    await report.getByText(/rien n’a été écrit/).waitFor();
    const rows = await report.locator('tbody tr').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((row) => /beaucoup/.test(row))).toBe(true);
    expect(await page.getByRole('button', { name: 'Importer' }).count()).toBe(0);
    expect(await checkPage(page, '51-import-erreurs')).toEqual([]);
    const funders = (await (await api(suite, 'GET', '/api/commitments/reference/funders?limit=200')).json()) as {
      items: { code: string }[];
    };
    expect(funders.items.map((f) => f.code)).not.toContain('fonds-essai');
    const after = (await (await api(suite, 'GET', '/api/commitments/events?limit=1000')).json()) as {
      events: unknown[];
    };
    expect(after.events.length).toBe(before.events.length);
    await page.context().close();
  });

  it('once a commitment is firm and paid, its funder sees AE/CP by year on its dashboard', async () => {
    const id = 'pdch-lens-sellier-demolition';
    const act = { kind: 'act', reference: 'Convention CALL - Pas-de-Calais Habitat 2016-12', date: '2016-09-15' };
    await api(suite, 'POST', `/api/commitments/commitments/${id}/firm`, {
      act: { reference: act.reference, date: act.date },
      trace: { reasonCode: 'engagement-juridique', effectiveDate: act.date, source: act },
    });
    await api(suite, 'POST', `/api/commitments/commitments/${id}/payments`, {
      paymentId: 'mandat-2017-0042',
      kind: 'avance',
      amount: '480000.00',
      trace: {
        reasonCode: 'paiement',
        effectiveDate: '2017-03-01',
        source: { kind: 'act', reference: 'Mandat 2017-0042' },
      },
    });
    const page = await newPage(suite.browser, suite.url);
    await signInAs(page, 'Service financier de la CALL');
    const aeCp = page.locator('table', { hasText: 'AE/CP par année' });
    await aeCp.waitFor();
    const rows = await aeCp.locator('tbody tr').allInnerTexts();
    expect(rows[0]).toContain('2016');
    expect(rows[0]).toContain(fr(160_000_000n));
    expect(rows.find((row) => row.startsWith('2017'))).toContain(fr(48_000_000n));
    await expect(page.locator('.fr-card', { hasText: 'Reste à payer' }).innerText()).resolves.toContain(
      fr(112_000_000n),
    );
    expect(await checkPage(page, '60-financeur-ae-cp')).toEqual([]);
    await page.context().close();
  });

  it('the CALL simulates a clause de revoyure, sees a refusal and its excess, saves it; the co-funders approve; it is signed into the ledger', async () => {
    const page = await newPage(suite.browser, suite.url);
    await signInAs(page, 'Équipe du contrat de ville (CALL)');
    await page.getByRole('link', { name: 'Avenants' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Projets d’avenant' }).waitFor();
    await page.getByLabel('Identifiant du projet').fill('revoyure-2018-demolitions');
    await page.getByLabel('Titre').fill('Clause de revoyure 2018 — démolitions');
    // Fouquières: the CALL's 1 700 000 € cut to 1 400 000 €, the Région taking 300 000 € of it (l. 5552).
    await page.getByLabel('Engagement du changement 1').fill('pdch-fouquieres-demolition');
    await page.getByLabel('Nouveau montant du changement 1').fill('1 400 000,00');
    await page.getByLabel('Date d’effet du changement 1').fill('2018-01-01');
    await page.getByRole('button', { name: 'Ajouter un changement' }).click();
    await page.getByLabel('Action du changement 2').selectOption('inscrire-engagement');
    await page.getByLabel('Engagement du changement 2').fill('pdch-fouquieres-demolition-region');
    await page.getByLabel('Montant du changement 2').fill('300 000,00');
    await page.getByLabel('Date d’effet du changement 2').fill('2018-01-01');
    await page.getByLabel('Financeur du changement 2').fill('region');
    await page.getByLabel('Opération du changement 2').fill('pdch-fouquieres-demolition');
    await page.getByLabel('Libellé du changement 2').fill('Démolition du Quart de 6 heures — part de la Région');
    // Sallaumines raised to 1 800 000 € on an eligible base of 1 500 000 € (l. 5560): refused, 300 000 € over.
    await page.getByRole('button', { name: 'Ajouter un changement' }).click();
    await page.getByLabel('Engagement du changement 3').fill('pdch-sallaumines-demolition');
    await page.getByLabel('Nouveau montant du changement 3').fill('1 800 000,00');
    await page.getByLabel('Date d’effet du changement 3').fill('2018-01-01');
    await page.getByRole('button', { name: 'Simuler' }).click();
    const answers = page.locator('table', { hasText: 'Réponse du registre à chaque changement' });
    await answers.waitFor();
    const rows = await answers.locator('tbody tr').allInnerTexts();
    expect(rows.map((row) => row.includes('refusé'))).toEqual([false, false, true]);
    expect(rows[2]).toContain(fr(30_000_000n));
    await page.getByText('1 changement refusé par le registre').waitFor();
    const byFunder = await page
      .locator('table', { hasText: 'Écarts par financeur' })
      .locator('tbody tr')
      .allInnerTexts();
    expect(byFunder.find((row) => row.startsWith('Région'))).toContain(`+${fr(30_000_000n)}`);
    expect(await checkPage(page, '70-projet-avenant-simulation')).toEqual([]);
    // Without the refused change, every change is accepted; saved, then shared with the co-funders it concerns.
    await page.getByRole('button', { name: 'Retirer le changement n° 3' }).click();
    await page.getByRole('button', { name: 'Simuler' }).click();
    await page.getByText('Tous les changements seraient acceptés par le registre').waitFor();
    await page.getByRole('button', { name: 'Enregistrer le projet' }).click();
    await page.getByRole('heading', { level: 1, name: 'Clause de revoyure 2018 — démolitions' }).waitFor();
    await page.getByRole('button', { name: 'Communiquer aux financeurs concernés' }).click();
    await page.getByText('Projet communiqué aux financeurs concernés').waitFor();
    await page.context().close();

    for (const account of ['Région — direction des finances', 'Service financier de la CALL']) {
      const funder = await newPage(suite.browser, suite.url);
      await signInAs(funder, account);
      await funder.goto('/avenants/revoyure-2018-demolitions');
      await funder.getByRole('button', { name: 'Approuver la version 1' }).click();
      await funder.getByText('Version 1 approuvée').waitFor();
      expect(await checkPage(funder, `71-projet-avenant-approbation-${account.split(' ')[0]}`)).toEqual([]);
      await funder.context().close();
    }

    const signer = await newPage(suite.browser, suite.url);
    await signInAs(signer, 'Équipe du contrat de ville (CALL)');
    await signer.goto('/avenants/revoyure-2018-demolitions');
    await signer.getByText('aucune : le projet peut être signé').waitFor();
    await signer.getByLabel('Référence de l’avenant signé').fill('Avenant n° 1 au contrat de ville');
    await signer.getByLabel('Date de signature').fill('2018-03-15');
    await signer.getByRole('button', { name: 'Enregistrer la signature' }).click();
    await signer.getByText('Signé : Avenant n° 1 au contrat de ville du 15/03/2018').waitFor();
    await signer.context().close();
    const answer = await api(suite, 'GET', '/api/commitments/commitments/pdch-fouquieres-demolition');
    const commitment = (await answer.json()) as { amount: string };
    expect(commitment.amount).toBe('1400000.00');
  });

  it('the Région reads its échéances on 1 July 2017: late first, the days counted, and takes them into its calendar', async () => {
    const page = await newPage(suite.browser, suite.url);
    await signInAs(page, 'Région — direction des finances');
    await page.getByRole('link', { name: 'Échéances' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Échéances' }).waitFor();
    await page.getByLabel('Au').fill('2017-07-01');
    await page.getByLabel('Horizon').selectOption('24');
    await page.waitForURL(/au=2017-07-01/);
    const table = page.locator('table', { hasText: 'Échéances, les retards d’abord' });
    await page.getByText('Au 01/07/2017, jusqu’au 01/07/2019').waitFor();
    const rows = await table.locator('tbody tr').allInnerTexts();
    // The Région's own revoyure of 2016, late by 182 days (governance.csv, l. 4868), then the contract's steps; the
    // FEDER's ITI avenant and the funders' periods (the State's, the CAF's) are not the Région's to read.
    expect(rows[0]).toContain('31/12/2016');
    expect(rows[0]).toContain('en retard de 182 j');
    expect(rows[0]).toContain('Clause de revoyure de la Région');
    expect(rows.some((row) => row.includes("Avenant sur la mobilisation de l'ITI"))).toBe(false);
    expect(rows.some((row) => row.includes("Convention d'objectifs et de gestion"))).toBe(false);
    expect(rows.some((row) => row.includes('dans 183 j'))).toBe(true);
    expect(await checkPage(page, '80-echeances-region')).toEqual([]);
    const [calendar] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Agenda (iCalendar)' }).click(),
    ]);
    expect(calendar.suggestedFilename()).toBe('echeances.ics');
    const ics = readFileSync((await calendar.path()) as string, 'utf8');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n /g, '')).toContain('UID:region-revoyure-2016@contrat-de-ville-lens-lievin');
    await page.context().close();
  });

  it('the CALL reads the leverage map per quartier: each kind of money, the exact table beside the chart', async () => {
    const page = await newPage(suite.browser, suite.url);
    await signInAs(page, 'Équipe du contrat de ville (CALL)');
    await page.getByRole('link', { name: 'Leviers' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Carte des leviers' }).waitFor();
    const table = page.locator('table', { hasText: 'Carte des leviers par quartier' });
    await table.waitFor();
    const rows = await table.locator('tbody tr').allInnerTexts();
    // Méricourt's participatory budget in the Maroc - La Canche (QP062045, l. 3166): 50 000 € of droit commun.
    expect(rows.find((row) => row.startsWith('Quartier Du Maroc - La Canche'))).toContain(fr(5_000_000n));
    expect(rows.at(-1)).toContain('non territorialisé');
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThan(0);
    expect(await checkPage(page, '90-carte-des-leviers')).toEqual([]);
    await page.getByLabel('Une ligne par').selectOption('enjeu');
    await page.locator('table', { hasText: 'Carte des leviers par enjeu' }).waitFor();
    await page.context().close();
  });

  it('Pas-de-Calais Habitat reads how much it must pre-finance, month by month, and by which payment rules', async () => {
    const page = await newPage(suite.browser, suite.url);
    await signInAs(page, 'Pas-de-Calais Habitat — finances');
    await page.getByRole('link', { name: 'Préfinancement' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Préfinancement' }).waitFor();
    const months = page.locator('table', { hasText: 'Trésorerie mois par mois' });
    await months.waitFor();
    // Its four operations' eligible bases (1,7 + 1,5 + 1,6 + 6,826 M€) spent; the CALL's 6,5 M€ of aid received.
    const footer = await months.locator('tfoot').innerText();
    expect(footer).toContain(fr(1_162_600_000n));
    expect(footer).toContain(fr(650_000_000n));
    expect(await page.locator('.fr-callout__title').innerText()).toMatch(
      /^Pas-de-Calais Habitat : .+ € à préfinancer au plus haut$/,
    );
    await page.locator('table', { hasText: 'Règles de paiement appliquées' }).getByText('Règle par défaut').waitFor();
    // Another owner's plan is not its to read.
    await page.goto('/tresorerie/maisons-et-cites');
    await page.locator('.fr-alert').first().waitFor();
    expect(await checkPage(page, '95-prefinancement-refus')).toEqual([]);
    await page.context().close();
  });
});
