import { Button } from '@codegouvfr/react-dsfr/Button';
import { CallOut } from '@codegouvfr/react-dsfr/CallOut';
import { useEffect, useState } from 'react';
import { mayOpen, ROLE_NAMES, type View } from './access';
import { ErrorAlert } from './components/Async';
import { Layout } from './components/Layout';
import { AvenantPage, AvenantsListPage } from './pages/Avenants';
import { CommitmentPage, DocumentPage } from './pages/Commitment';
import { ControlsPage } from './pages/Controls';
import { DashboardPage } from './pages/Dashboard';
import { DeadlinesPage } from './pages/Deadlines';
import { ExportsPage } from './pages/Exports';
import { ImportsPage } from './pages/Imports';
import { LeveragePage } from './pages/Leverage';
import { PreFinancingPage } from './pages/PreFinancing';
import { MatrixPage } from './pages/Matrix';
import { OperationsPage } from './pages/Operations';
import { StatementPage } from './pages/Statement';
import { navigate, useLocation } from './router';
import { completeSignIn, currentSession, signIn, type Session } from './session';

function SignInPage() {
  return (
    <>
      <h1>Se connecter au grand livre</h1>
      <p className="fr-text--lead">
        Le grand livre des financements du Contrat de Ville 2015-2020 de la Communauté d’Agglomération de Lens-Liévin :
        ce que chaque partenaire a engagé, euro par euro, de l’intention au paiement, avec la ligne du document qui le
        fonde.
      </p>
      <CallOut title="Connexion" className="fr-mb-4w">
        Chaque personne voit ce que son rôle et son organisation lui permettent : un financeur, ses engagements ;
        l’équipe du contrat, tout le contrat ; l’ANRU, le protocole de préfiguration ; les auditeurs, tout, en lecture.
        En mode intégré, des comptes de démonstration sans mot de passe ; en production, le fournisseur d’identité des
        partenaires (ProConnect, Keycloak…).
      </CallOut>
      <Button iconId="fr-icon-account-circle-line" onClick={() => void signIn()}>
        Se connecter
      </Button>
    </>
  );
}

function Callback({ onSession }: { onSession: (session: Session) => void }) {
  const [error, setError] = useState<Error>();
  useEffect(() => {
    completeSignIn(location.search).then(
      ({ session, after }) => {
        onSession(session);
        navigate(after === '/retour' ? '/' : after);
      },
      (failure: Error) => setError(failure),
    );
  }, [onSession]);
  return error ? (
    <>
      <ErrorAlert error={error} what="Connexion impossible" />
      <Button onClick={() => void signIn('/')}>Recommencer</Button>
    </>
  ) : (
    <p role="status">Connexion en cours…</p>
  );
}

function AccountPage({ session }: { session: Session }) {
  const p = session.principal;
  return (
    <>
      <h1>Votre compte</h1>
      <dl>
        <dt>Nom</dt>
        <dd>{p.name}</dd>
        <dt>Organisation</dt>
        <dd>{p.organisation}</dd>
        <dt>Rôles</dt>
        <dd>{p.roles.map((r) => ROLE_NAMES[r] ?? r).join(', ')}</dd>
        <dt>Session valable jusqu’à</dt>
        <dd>{new Date(p.expiresAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })} (heure de Paris)</dd>
      </dl>
    </>
  );
}

function Refused({ what }: { what: string }) {
  return (
    <ErrorAlert
      error={
        new Error('Accès refusé : cette vue ne relève pas de votre rôle. Le menu montre celles qui vous sont ouvertes.')
      }
      what={what}
    />
  );
}

/** Which view an address opens, and its parameters (the rest of the path). */
function route(path: string): { view: View | 'compte' | 'engagement' | 'document' | 'inconnu'; rest: string[] } {
  const [first = '', ...rest] = path.split('/').filter(Boolean).map(decodeURIComponent);
  const views: Record<string, View | 'compte' | 'engagement' | 'document'> = {
    '': 'tableau',
    releve: 'releve',
    engagements: 'engagement',
    document: 'document',
    matrice: 'matrice',
    operations: 'operations',
    avenants: 'avenants',
    echeances: 'echeances',
    leviers: 'leviers',
    tresorerie: 'tresorerie',
    controles: 'controles',
    imports: 'imports',
    exports: 'exports',
    compte: 'compte',
  };
  return { view: views[first] ?? 'inconnu', rest };
}

export function App() {
  const [session, setSession] = useState<Session | undefined>(currentSession);
  const { path, query } = useLocation();
  // After moving to another view, focus goes to its content (a screen reader reads the new page, not the menu).
  const [first, setFirst] = useState(true);
  useEffect(() => {
    if (first) return setFirst(false);
    document.getElementById('contenu')?.focus({ preventScroll: true });
  }, [path]);
  if (path === '/retour')
    return (
      <Layout>
        <Callback onSession={setSession} />
      </Layout>
    );
  if (!session)
    return (
      <Layout>
        <SignInPage />
      </Layout>
    );
  const { view, rest } = route(path);
  const principal = session.principal;
  const active =
    view === 'engagement'
      ? 'releve'
      : view === 'compte' || view === 'inconnu' || view === 'document'
        ? undefined
        : view;
  const allowed = (v: View) => mayOpen(principal, v);
  let page;
  if (view === 'compte') page = <AccountPage session={session} />;
  else if (view === 'document') page = <DocumentPage line={rest[0]} />;
  else if (view === 'inconnu')
    page = <ErrorAlert error={new Error('cette adresse ne mène à aucune vue')} what="Page introuvable" />;
  else if (view === 'engagement')
    page = allowed('releve') ? <CommitmentPage id={rest[0]} query={query} /> : <Refused what="Engagement" />;
  else if (!allowed(view)) page = <Refused what="Vue" />;
  else if (view === 'tableau') page = <DashboardPage principal={principal} />;
  else if (view === 'releve') page = <StatementPage principal={principal} funder={rest[0]} query={query} />;
  else if (view === 'matrice') page = <MatrixPage query={query} />;
  else if (view === 'operations') page = <OperationsPage principal={principal} section={rest[0]} query={query} />;
  else if (view === 'tresorerie') page = <PreFinancingPage principal={principal} owner={rest[0]} />;
  else if (view === 'leviers') page = <LeveragePage query={query} />;
  else if (view === 'echeances') page = <DeadlinesPage principal={principal} query={query} />;
  else if (view === 'avenants')
    page = rest[0] ? <AvenantPage principal={principal} id={rest[0]} /> : <AvenantsListPage principal={principal} />;
  else if (view === 'controles') page = <ControlsPage principal={principal} />;
  else if (view === 'imports') page = <ImportsPage />;
  else page = <ExportsPage principal={principal} />;
  return (
    <Layout session={session} active={active}>
      {page}
    </Layout>
  );
}
