/**
 * The renderer's Content-Security-Policy, in one place: the headless host sends it as a
 * header and the build writes it into index.html's meta tag for the Electron window.
 * Mantine injects its CSS variables in a <style> element, hence 'unsafe-inline' for styles
 * only; no script runs unless it is one of our own files.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
