import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApp } from './app/createApp.tsx';
import { applyTheme, readStoredTheme } from './app/theme.ts';
import './styles/theme.css';
import './styles/base.css';

// Before the first paint, so a light-theme user never sees a dark flash.
applyTheme(readStoredTheme());

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const App = createApp();
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
