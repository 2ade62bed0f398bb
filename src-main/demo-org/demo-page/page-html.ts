// The demo org's home page: a Lightning-like lead list with search and an edit form, so someone
// trying Leadbridge can change a lead "in Salesforce" and watch the app react — and see what
// Leadbridge writes back: the Lead's owner, its Tasks and its Events — and the Contacts (with
// their Events) booking posts find or update.
export const PAGE_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Leads | Leadbridge demo org</title>
    <link rel="stylesheet" href="/demo-org-assets/styles.css">
    <script src="/demo-org-assets/app.js" defer></script>
  </head>
  <body>
    <header class="topbar">
      <span class="brand">Leadbridge demo org</span>
      <span class="subtitle">A Salesforce emulator — changes here reach Leadbridge like changes in a real org</span>
    </header>
    <main class="layout">
      <section class="card list-card">
        <div class="list-head">
          <h1>Leads</h1>
          <input id="search" type="search" placeholder="Search name, company or email" aria-label="Search leads and contacts" autocomplete="off">
        </div>
        <p id="count" class="muted"></p>
        <table class="leads lead-table">
          <colgroup><col><col><col><col><col><col><col></colgroup>
          <thead><tr><th>Name</th><th>Company</th><th>Email</th><th>Owner</th><th>Status</th><th>Meeting status</th><th>Last modified</th></tr></thead>
          <tbody id="rows"></tbody>
        </table>
        <h1 class="second-list">Contacts</h1>
        <p id="contact-count" class="muted"></p>
        <table class="leads contact-table" aria-label="Contacts">
          <colgroup><col><col><col><col><col></colgroup>
          <thead><tr><th>Name</th><th>Account</th><th>Email</th><th>Owner</th><th>Last modified</th></tr></thead>
          <tbody id="contact-rows"></tbody>
        </table>
      </section>
      <section class="card edit-card" id="editor" hidden>
        <h2 id="edit-title">Edit lead</h2>
        <dl class="facts">
          <dt id="owner-label">Owner</dt>
          <dd id="lead-owner" aria-labelledby="owner-label"></dd>
        </dl>
        <form id="edit-form"></form>
        <p id="edit-status" class="muted" role="status"></p>
        <section class="activities" aria-labelledby="activities-heading">
          <h3 id="activities-heading">Activities</h3>
          <ul id="activities" aria-labelledby="activities-heading"></ul>
          <p id="no-activities" class="muted">No tasks or events yet.</p>
        </section>
      </section>
    </main>
  </body>
</html>
`;
