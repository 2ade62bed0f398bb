// The demo page's browser script, served as /demo-org-assets/app.js (no inline script, strict CSP).
// It is kept as text because the project's TypeScript build targets Node, not the browser.
// The page refreshes itself every two seconds, so what Leadbridge writes back (Status, Owner,
// Tasks, Events) and the Leads and Contacts booking posts create or update appear without a
// reload; an edit in progress is never overwritten. Leads can be edited; Contacts are shown.
export const APP_SCRIPT = `'use strict';
(function () {
  var REFRESH_MS = 2000;
  var state = { leads: [], contacts: [], fields: [], selected: null, kind: 'lead', dirty: false, busy: false };
  var $ = function (id) { return document.getElementById(id); };
  var EDITABLE = ['FirstName', 'LastName', 'Company', 'Title', 'Email', 'Phone', 'Country', 'Status', 'LeadSource', 'Rating', 'Lead_Score__c', 'Meeting_Status__c', 'Last_Meeting_Date__c', 'Timezone__c'];

  function text(value) { return value === null || value === undefined ? '' : String(value); }
  function when(value) { return text(value).slice(0, 16).replace('T', ' '); }
  function ownerText(owner) {
    if (!owner) return '';
    return owner.Email ? text(owner.Name) + ' <' + owner.Email + '>' : text(owner.Name);
  }

  function counted(total, shown, noun) {
    return total + ' ' + noun + (total > shown ? ' (showing ' + shown + ', most recently modified first)' : '');
  }

  function load() {
    var q = encodeURIComponent($('search').value);
    var leads = fetch('/__admin/leads?limit=100&search=' + q).then(function (r) { return r.json(); }).then(function (data) {
      state.leads = data.leads;
      state.fields = data.fields;
      $('count').textContent = counted(data.total, data.leads.length, 'leads');
    });
    var contacts = fetch('/__admin/contacts?limit=100&search=' + q).then(function (r) { return r.json(); }).then(function (data) {
      state.contacts = data.contacts;
      $('contact-count').textContent = counted(data.total, data.contacts.length, 'contacts');
    });
    return Promise.all([leads, contacts]).then(render);
  }

  function fillRows(body, records, cells, onClick) {
    body.textContent = '';
    records.forEach(function (record) {
      var tr = document.createElement('tr');
      cells(record).forEach(function (v) {
        var td = document.createElement('td');
        td.textContent = text(v);
        td.title = text(v);
        tr.appendChild(td);
      });
      tr.addEventListener('click', function () { onClick(record); });
      if (state.selected && state.selected.Id === record.Id) tr.className = 'selected';
      body.appendChild(tr);
    });
  }

  function render() {
    fillRows($('rows'), state.leads, function (lead) {
      return [lead.Name, lead.Company, lead.Email, lead.Owner ? lead.Owner.Name : '', lead.Status, lead.Meeting_Status__c, when(lead.LastModifiedDate)];
    }, edit);
    fillRows($('contact-rows'), state.contacts, function (contact) {
      return [contact.Name, contact.Account ? contact.Account.Name : '', contact.Email, contact.Owner ? contact.Owner.Name : '', when(contact.LastModifiedDate)];
    }, show);
  }

  function select(kind, record, title) {
    state.kind = kind;
    state.selected = record;
    state.dirty = false;
    $('editor').hidden = false;
    $('edit-title').textContent = title + ' ' + text(record.Name);
    $('edit-status').textContent = '';
    $('lead-owner').textContent = ownerText(record.Owner);
    $('edit-form').hidden = kind !== 'lead';
    // Never the previous record's activities under this one's name while its own load.
    $('activities').textContent = '';
    $('activities').setAttribute('aria-busy', 'true');
    $('no-activities').hidden = true;
    render();
    loadDetail();
  }

  function edit(lead) {
    renderForm(lead);
    select('lead', lead, 'Edit');
  }

  function show(contact) {
    $('edit-form').textContent = '';
    select('contact', contact, 'Contact');
  }

  function renderForm(lead) {
    var form = $('edit-form');
    form.textContent = '';
    EDITABLE.forEach(function (name) {
      var field = state.fields.find(function (f) { return f.name === name; });
      if (!field) return;
      var label = document.createElement('label');
      label.textContent = field.label;
      var input;
      if (field.picklist.length > 0) {
        input = document.createElement('select');
        [''].concat(field.picklist).forEach(function (v) {
          var option = document.createElement('option');
          option.value = v;
          option.textContent = v || '--None--';
          input.appendChild(option);
        });
      } else {
        input = document.createElement('input');
        input.type = field.type === 'double' ? 'number' : 'text';
      }
      input.name = name;
      input.value = text(lead[name]);
      label.appendChild(input);
      form.appendChild(label);
    });
    var save = document.createElement('button');
    save.type = 'submit';
    save.className = 'button brand-button';
    save.textContent = 'Save';
    form.appendChild(save);
  }

  // The selected Lead or Contact as stored now: its owner, its activities, and (a Lead) its
  // fields unless being edited.
  function loadDetail() {
    var selected = state.selected;
    var kind = state.kind;
    if (!selected) return Promise.resolve();
    return fetch('/__admin/' + kind + 's/' + encodeURIComponent(selected.Id)).then(function (r) {
      if (!r.ok) return null;
      return r.json();
    }).then(function (detail) {
      if (!detail || !state.selected || state.selected.Id !== selected.Id) return;
      $('lead-owner').textContent = ownerText(detail.owner);
      renderActivities(detail.tasks, detail.events);
      $('activities').setAttribute('aria-busy', 'false');
      if (kind === 'lead' && !state.dirty && detail.lead.LastModifiedDate !== state.selected.LastModifiedDate) {
        detail.lead.Owner = detail.owner;
        state.selected = detail.lead;
        $('edit-title').textContent = 'Edit ' + text(detail.lead.Name);
        renderForm(detail.lead);
      }
    });
  }

  function renderActivities(tasks, events) {
    var list = $('activities');
    list.textContent = '';
    events.forEach(function (event) {
      var span = when(event.StartDateTime) + ' to ' + when(event.EndDateTime).slice(11) + ' UTC';
      list.appendChild(activityItem('Event', event.Subject, [span, event.Location]));
    });
    tasks.forEach(function (task) {
      list.appendChild(activityItem('Task', task.Subject, [task.Status, task.ActivityDate ? 'due ' + task.ActivityDate : 'created ' + when(task.CreatedDate)]));
    });
    $('no-activities').hidden = tasks.length + events.length > 0;
  }

  function activityItem(kind, subject, details) {
    var li = document.createElement('li');
    var tag = document.createElement('span');
    tag.className = 'kind';
    tag.textContent = kind;
    var title = document.createElement('strong');
    title.textContent = text(subject) || '(no subject)';
    var rest = document.createElement('span');
    rest.textContent = details.filter(function (d) { return d; }).join(' · ');
    li.appendChild(tag);
    li.appendChild(title);
    li.appendChild(rest);
    return li;
  }

  function submit(event) {
    event.preventDefault();
    var lead = state.selected;
    if (!lead || state.kind !== 'lead') return;
    var changes = {};
    Array.prototype.forEach.call($('edit-form').elements, function (el) {
      if (!el.name) return;
      var before = text(lead[el.name]);
      if (el.value === before) return;
      changes[el.name] = el.value === '' ? null : (el.type === 'number' ? Number(el.value) : el.value);
    });
    if (Object.keys(changes).length === 0) { $('edit-status').textContent = 'Nothing changed.'; return; }
    fetch('/__admin/sobjects/Lead/' + lead.Id, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(changes) })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (res) {
        if (res.ok) {
          $('edit-status').textContent = 'Saved: ' + res.body.changedFields.join(', ') + '. Leadbridge sees it on its next poll (or at once when streaming).';
          res.body.record.Owner = lead.Owner;
          state.selected = res.body.record;
          state.dirty = false;
          load();
        } else {
          $('edit-status').textContent = 'Salesforce refused the change: ' + res.body.map(function (e) { return e.errorCode + ' — ' + e.message; }).join('; ');
        }
      });
  }

  function refresh() {
    if (state.busy || document.hidden) return;
    state.busy = true;
    Promise.all([load(), loadDetail()]).catch(function () {}).then(function () { state.busy = false; });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var timer = null;
    $('search').addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(load, 200); });
    $('edit-form').addEventListener('submit', submit);
    $('edit-form').addEventListener('input', function () { state.dirty = true; });
    $('edit-form').addEventListener('change', function () { state.dirty = true; });
    load();
    setInterval(refresh, REFRESH_MS);
  });
})();
`;
