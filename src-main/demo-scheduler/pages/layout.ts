// The frame every page shares: a plain, calm look, no script, nothing loaded from elsewhere.
import { escapeHtml } from '../http';

const STYLES = `
  :root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb;
    --accent: #2563eb; --accent-soft: #eff4ff; --bad: #b42318; --good: #067647; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif;
    color: var(--ink); background: #f5f7fa; }
  header { background: #fff; border-bottom: 1px solid var(--line); padding: 14px 24px; }
  header a { color: var(--ink); text-decoration: none; font-weight: 600; }
  main { max-width: 880px; margin: 28px auto; padding: 0 20px; }
  .card { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 24px;
    margin-bottom: 20px; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  h2 { font-size: 16px; margin: 22px 0 10px; }
  .card > h2:first-child { margin-top: 0; }
  .muted { color: var(--muted); }
  a { color: var(--accent); }
  ul.calendars { list-style: none; padding: 0; margin: 0; }
  ul.calendars li { display: flex; justify-content: space-between; align-items: center;
    padding: 14px 0; border-top: 1px solid var(--line); }
  ul.calendars li:first-child { border-top: 0; }
  .day { margin: 14px 0 6px; font-weight: 600; }
  .slots { display: flex; flex-wrap: wrap; gap: 8px; }
  .slot input { position: absolute; opacity: 0; }
  .slot span { display: inline-block; min-width: 76px; text-align: center; padding: 7px 10px;
    border: 1px solid #c5d2f6; border-radius: 8px; color: var(--accent); cursor: pointer; }
  .slot input:checked + span { background: var(--accent); color: #fff; border-color: var(--accent); }
  .slot input:focus-visible + span { outline: 2px solid var(--accent); outline-offset: 2px; }
  .slot.taken span { color: #9aa5b1; border-color: var(--line); text-decoration: line-through;
    cursor: not-allowed; }
  .fields { display: grid; grid-template-columns: 1fr 1fr; gap: 14px 18px; }
  .fields .wide { grid-column: 1 / -1; }
  label.field { display: flex; flex-direction: column; gap: 4px; font-weight: 500; }
  input[type=text], input[type=email], textarea { font: inherit; padding: 8px 10px;
    border: 1px solid #cbd2d9; border-radius: 8px; }
  textarea { min-height: 70px; resize: vertical; }
  .error { color: var(--bad); font-size: 13px; font-weight: 400; }
  .errors { background: #fef3f2; border: 1px solid #fecdca; color: var(--bad); border-radius: 8px;
    padding: 10px 14px; margin-bottom: 14px; }
  button { font: inherit; font-weight: 600; padding: 9px 18px; border-radius: 8px; cursor: pointer;
    border: 1px solid var(--accent); background: var(--accent); color: #fff; }
  button.secondary { background: #fff; color: var(--bad); border-color: #fda29b; }
  .button { display: inline-block; padding: 7px 14px; border-radius: 8px; text-decoration: none;
    background: var(--accent-soft); }
  dl { display: grid; grid-template-columns: 160px 1fr; gap: 6px 12px; margin: 0; }
  dt { color: var(--muted); }
  dd { margin: 0; }
  .badge { display: inline-block; padding: 2px 8px; border-radius: 999px; font-size: 13px;
    background: var(--accent-soft); color: var(--accent); }
  .badge.good { background: #ecfdf3; color: var(--good); }
  .badge.bad { background: #fef3f2; color: var(--bad); }
  table { width: 100%; border-collapse: collapse; font-size: 14px; }
  th, td { text-align: left; padding: 6px 8px; border-top: 1px solid var(--line); vertical-align: top; }
  th { color: var(--muted); font-weight: 500; border-top: 0; }
  @media (max-width: 640px) { .fields { grid-template-columns: 1fr; } dl { grid-template-columns: 1fr; } }
`;

export function page(title: string, body: string, options: { refreshSeconds?: number } = {}) {
  const refresh = options.refreshSeconds
    ? `<meta http-equiv="refresh" content="${options.refreshSeconds}">`
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">${refresh}
<title>${escapeHtml(title)} · Demo scheduler</title><style>${STYLES}</style></head>
<body><header><a href="/">Demo scheduler</a> <span class="muted">— a stand-in for TimeRex or Calendly</span></header>
<main>${body}</main></body></html>`;
}
