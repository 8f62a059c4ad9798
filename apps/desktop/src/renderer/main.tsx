import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import './theme/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { MakeriesBridge } from '../ipc/bridge';
import { pickLinks } from './api/links';
import { createCounterClient } from './api/trpc';
import { App } from './app/app';

const { links } = pickLinks({ host: window as { makeries?: MakeriesBridge }, origin: window.location.origin });
const trpcClient = createCounterClient(links);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App trpcClient={trpcClient} />
  </StrictMode>,
);
