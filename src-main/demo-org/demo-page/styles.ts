// Shared stylesheet of the demo page and the OAuth consent page (Lightning-like, no framework).
export const STYLES = `:root { --brand: #0176d3; --brand-dark: #014486; --bg: #f3f3f3; --border: #dddbda; --text: #181818; --muted: #706e6b; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 14px/1.4 "Salesforce Sans", -apple-system, "Segoe UI", Roboto, Arial, sans-serif; background: var(--bg); color: var(--text); }
.topbar { background: #fff; border-bottom: 1px solid var(--border); padding: 10px 24px; display: flex; gap: 16px; align-items: baseline; }
.brand { font-weight: 700; color: var(--brand-dark); }
.subtitle, .muted { color: var(--muted); }
.layout { display: flex; align-items: flex-start; gap: 16px; padding: 16px 24px; }
.list-card { flex: 1 1 0; min-width: 0; }
.edit-card { flex: 0 0 340px; position: sticky; top: 16px; max-height: calc(100vh - 32px); overflow-y: auto; }
.card { background: #fff; border: 1px solid var(--border); border-radius: 4px; padding: 16px; box-shadow: 0 2px 2px rgba(0,0,0,.1); }
h1 { font-size: 20px; margin: 0; }
h2 { font-size: 16px; margin: 0 0 12px; }
.second-list { margin-top: 24px; }
.list-head { display: flex; justify-content: space-between; align-items: center; gap: 12px; }
input, select { font: inherit; padding: 6px 8px; border: 1px solid var(--border); border-radius: 4px; width: 100%; }
#search { max-width: 320px; }
/* Fixed columns that wrap inside the card, whatever its width: the table never overflows it. */
table.leads { width: 100%; table-layout: fixed; border-collapse: collapse; font-size: 13px; }
.leads th { text-align: left; font-size: 12px; text-transform: uppercase; color: var(--muted); border-bottom: 1px solid var(--border); padding: 6px; vertical-align: bottom; overflow-wrap: anywhere; }
.leads td { border-bottom: 1px solid #eee; padding: 6px; vertical-align: top; overflow-wrap: anywhere; }
/* Emails keep one line (ellipsis, full text in the title) rather than break mid-address. */
.leads td:nth-child(3) { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.lead-table col:nth-child(1), .lead-table col:nth-child(2) { width: 16%; }
.lead-table col:nth-child(3) { width: 22%; }
.lead-table col:nth-child(4) { width: 14%; }
.lead-table col:nth-child(5) { width: 12%; }
.lead-table col:nth-child(6), .lead-table col:nth-child(7) { width: 10%; }
.contact-table col:nth-child(1), .contact-table col:nth-child(2) { width: 22%; }
.contact-table col:nth-child(3) { width: 26%; }
.contact-table col:nth-child(4), .contact-table col:nth-child(5) { width: 15%; }
/* Beside the open editor the list is narrow: Company and Last modified give way to the
   columns Leadbridge writes (Owner, Meeting status) and the ones that identify a record. */
.list-card { container-type: inline-size; }
@container (max-width: 720px) {
  .leads :is(col, th, td):is(:nth-child(2), :nth-last-child(1)) { display: none; }
}
.leads tbody tr { cursor: pointer; }
.leads tbody tr:hover, .leads tr.selected { background: #f3f9ff; }
#edit-form { display: grid; gap: 10px; }
.facts { display: grid; grid-template-columns: auto 1fr; gap: 4px 12px; margin: 0 0 12px; }
.facts dt { font-size: 12px; color: var(--muted); }
.facts dd { margin: 0; }
.activities { margin-top: 16px; border-top: 1px solid var(--border); padding-top: 12px; }
h3 { font-size: 14px; margin: 0 0 8px; }
#activities { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
#activities li { display: grid; gap: 2px; }
#activities .kind { font-size: 11px; text-transform: uppercase; color: var(--muted); }
label { display: grid; gap: 4px; font-size: 12px; color: var(--muted); }
.button { font: inherit; padding: 6px 16px; border-radius: 4px; border: 1px solid var(--border); background: #fff; color: var(--brand); cursor: pointer; }
.brand-button { background: var(--brand); border-color: var(--brand); color: #fff; }
.brand-button:hover { background: var(--brand-dark); }
body.consent { display: flex; justify-content: center; padding-top: 64px; }
.consent-card { width: 420px; }
.consent-card .actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 16px; }
.scopes { padding-left: 20px; }
@media (max-width: 800px) { .layout { flex-direction: column; align-items: stretch; } .edit-card { position: static; max-height: none; } }
`;
