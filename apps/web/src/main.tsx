/** Entry of the web UI: mounts the app into the page. */
// First of all: the schemas the app defines must be built for a page that refuses eval.
import '@backlot/contracts/without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import './app/styles/app.css';
import './app/styles/preproduction.css';
import './app/styles/references.css';
import './app/styles/takes.css';
import './app/styles/player.css';
import './app/styles/review.css';
import './app/styles/spend.css';
import './app/styles/dailies.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
