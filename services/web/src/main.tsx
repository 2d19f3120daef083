import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { Link } from './router';

startReactDsfr({ defaultColorScheme: 'light', Link });

declare module '@codegouvfr/react-dsfr/spa' {
  interface RegisterLink {
    Link: typeof Link;
  }
}

createRoot(document.getElementById('racine') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
