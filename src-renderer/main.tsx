import '@mantine/core/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Creating the client takes `#token=…` out of the fragment; routing reads the fragment
// only after this import has run.
import { api } from './api/api';
import { App } from './app/app';
import { createAppStores, startAppStores } from './stores/app-stores';

const stores = createAppStores(api);
startAppStores(stores, api);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App stores={stores} />
  </StrictMode>,
);
