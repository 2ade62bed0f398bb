// The demo page's browser script, served as /demo-org-assets/app.js (no inline script, strict CSP).
// It is kept as text because the project's TypeScript build targets Node, not the browser.
export const APP_SCRIPT = `'use strict';
(function () {
  var state = { leads: [], fields: [], selected: null };
  var $ = function (id) { return document.getElementById(id); };
  var EDITABLE = ['FirstName', 'LastName', 'Company', 'Title', 'Email', 'Phone', 'Country', 'Status', 'LeadSource', 'Rating', 'Lead_Score__c', 'Meeting_Status__c', 'Last_Meeting_Date__c', 'Timezone__c'];

  function text(value) { return value === null || value === undefined ? '' : String(value); }

  function load() {
    var q = encodeURIComponent($('search').value);
    fetch('/__admin/leads?limit=100&search=' + q).then(function (r) { return r.json(); }).then(function (data) {
      state.leads = data.leads;
      state.fields = data.fields;
      $('count').textContent = data.total + ' leads' + (data.total > data.leads.length ? ' (showing ' + data.leads.length + ', most recently modified first)' : '');
      render();
    });
  }

  function render() {
    var body = $('rows');
    body.textContent = '';
    state.leads.forEach(function (lead) {
      var tr = document.createElement('tr');
      [lead.Name, lead.Company, lead.Email, lead.Status, lead.Meeting_Status__c, text(lead.LastModifiedDate).slice(0, 19).replace('T', ' ')].forEach(function (v) {
        var td = document.createElement('td');
        td.textContent = text(v);
        tr.appendChild(td);
      });
      tr.addEventListener('click', function () { edit(lead); });
      if (state.selected && state.selected.Id === lead.Id) tr.className = 'selected';
      body.appendChild(tr);
    });
  }

  function edit(lead) {
    state.selected = lead;
    $('editor').hidden = false;
    $('edit-title').textContent = 'Edit ' + text(lead.Name);
    $('edit-status').textContent = '';
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
    render();
  }

  function submit(event) {
    event.preventDefault();
    var lead = state.selected;
    if (!lead) return;
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
          state.selected = res.body.record;
          load();
        } else {
          $('edit-status').textContent = 'Salesforce refused the change: ' + res.body.map(function (e) { return e.errorCode + ' — ' + e.message; }).join('; ');
        }
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var timer = null;
    $('search').addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(load, 200); });
    $('edit-form').addEventListener('submit', submit);
    load();
  });
})();
`;
