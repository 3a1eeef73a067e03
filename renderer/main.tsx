import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createFerryClient } from './ipc/client';
import { connectStore, createFerryStore } from './store/ferry-store';
import { StoreProvider } from './store/store-context';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

const client = createFerryClient(window.ferry);
const store = createFerryStore(client);
connectStore(store, client);

createRoot(root).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
