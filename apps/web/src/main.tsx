/** Entry of the web UI: mounts the app into the page. */
// First of all: the schemas the app defines must be built for a page that refuses eval.
import '@backlot/contracts/without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import './styles/app.css';
import './styles/preproduction.css';
import './styles/references.css';
import './styles/takes.css';
import './styles/player.css';
import './styles/review.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
