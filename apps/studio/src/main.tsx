import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { bootstrap } from './bootstrap';
import { getElk } from './features/canvas/elk';
import './styles.css';

// Start elk's worker now: it loads in parallel with the saved document / sample.
getElk();
void bootstrap();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
