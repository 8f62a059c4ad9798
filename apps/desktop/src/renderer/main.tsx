import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import './theme/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { MakeriesBridge } from '../ipc/bridge';
import { initApiClient } from './api/client';
import { pickLinks } from './api/links';
import { App } from './app/app';

const { links } = pickLinks({ host: window as { makeries?: MakeriesBridge }, origin: window.location.origin });
initApiClient(links);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
