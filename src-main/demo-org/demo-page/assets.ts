// Serves the demo page and its assets under a strict CSP (no inline script or style).
import type { Exchange } from '../http-util';
import { send } from '../http-util';
import { APP_SCRIPT } from './app-script';
import { PAGE_HTML } from './page-html';
import { STYLES } from './styles';

const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Handles the page and its assets; false when the path is not one of them. */
export function serveDemoPage(ex: Exchange): boolean {
  if (ex.method !== 'GET' && ex.method !== 'HEAD') return false;
  const common = { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
  switch (ex.path) {
    case '/':
      send(ex, 200, PAGE_HTML, {
        ...common,
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': PAGE_CSP,
        'X-Frame-Options': 'DENY',
      });
      return true;
    case '/demo-org-assets/app.js':
      send(ex, 200, APP_SCRIPT, { ...common, 'Content-Type': 'text/javascript; charset=utf-8' });
      return true;
    case '/demo-org-assets/styles.css':
      send(ex, 200, STYLES, { ...common, 'Content-Type': 'text/css; charset=utf-8' });
      return true;
    default:
      return false;
  }
}
