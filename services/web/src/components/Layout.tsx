import { Footer } from '@codegouvfr/react-dsfr/Footer';
import { Header } from '@codegouvfr/react-dsfr/Header';
import type { ReactNode } from 'react';
import { mayOpen, ROLE_NAMES, VIEW_LABELS, type View } from '../access';
import { signOut, type Session } from '../session';

const SERVICE = 'Grand livre du contrat de ville';
const TAGLINE = 'Communauté d’Agglomération de Lens-Liévin — 2015-2020';

export function Layout({ session, active, children }: { session?: Session; active?: View; children: ReactNode }) {
  const principal = session?.principal;
  const views = principal ? (Object.keys(VIEW_LABELS) as View[]).filter((view) => mayOpen(principal, view)) : [];
  return (
    <>
      <Header
        brandTop={
          <>
            République
            <br />
            Française
          </>
        }
        serviceTitle={SERVICE}
        serviceTagline={TAGLINE}
        homeLinkProps={{ href: '/', title: `Accueil — ${SERVICE}` }}
        quickAccessItems={
          principal
            ? [
                {
                  iconId: 'fr-icon-account-circle-line',
                  text: `${principal.name} — ${ROLE_NAMES[principal.roles[0]] ?? principal.roles[0]}`,
                  linkProps: { href: '/compte' },
                },
                {
                  iconId: 'fr-icon-logout-box-r-line',
                  text: 'Se déconnecter',
                  buttonProps: { onClick: signOut },
                },
              ]
            : []
        }
        navigation={views.map((view) => ({
          text: VIEW_LABELS[view].label,
          linkProps: { href: VIEW_LABELS[view].path },
          isActive: view === active,
        }))}
      />
      <main id="contenu" role="main" className="fr-container fr-my-4w" tabIndex={-1} style={{ outline: 'none' }}>
        {children}
      </main>
      <Footer
        accessibility="partially compliant"
        contentDescription="Le grand livre des financements du contrat de ville : chaque euro engagé par chaque partenaire, de l’intention au paiement, avec sa source dans le document signé et l’historique de ses écritures."
        bottomItems={[{ text: 'Documentation de l’API', linkProps: { href: '/api/commitments/docs' } }]}
        homeLinkProps={{ href: '/', title: `Accueil — ${SERVICE}` }}
        brandTop={
          <>
            République
            <br />
            Française
          </>
        }
      />
    </>
  );
}
