// The audit review page for information-security staff, signed in with StaffSignIn
// (../shared/sign-in.js): search the trail (server-side filters, paged), read one event, check the
// chain's integrity, download the signed export an inspector verifies offline.
(function () {
  'use strict';
  const SCOPE = 'audit.read';
  const PAGE_SIZE = 50;
  const $ = (id) => document.getElementById(id);
  let token = null;
  let page = 0;
  let query = null;

  if (StaffSignIn.reopenOnLoopbackAddress()) {
    return;
  }

  function say(id, text, className) {
    const el = $(id);
    el.textContent = text;
    el.className = className || '';
  }

  async function api(path) {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + token } });
    if (!response.ok) {
      let detail = 'HTTP ' + response.status;
      try {
        const problem = await response.json();
        detail = problem.detail || problem.title || detail;
      } catch (ignored) { /* not problem+json */ }
      throw new Error(response.status === 401 ? 'the sign-in has expired; sign in again' : detail);
    }
    return response;
  }

  /** A datetime-local value (the browser's time zone) as the instant the API takes. */
  function instant(id) {
    const value = $(id).value;
    return value ? new Date(value).toISOString() : null;
  }

  function searchQuery() {
    const q = new URLSearchParams();
    const fields = { from: instant('from'), to: instant('to'), partner: $('partner').value.trim(),
      service: $('service').value.trim(), operation: $('operation').value.trim(), outcome: $('outcome').value,
      requestId: $('request-id').value.trim(), personalId: $('personal-id').value.trim() };
    Object.entries(fields).forEach(([k, v]) => { if (v) { q.set(k, v); } });
    return q;
  }

  function cell(row, text) {
    const td = document.createElement('td');
    td.textContent = text == null ? '' : text;
    row.appendChild(td);
  }

  function showEvent(event, row) {
    document.querySelectorAll('#events-table tr.selected').forEach((r) => r.classList.remove('selected'));
    row.classList.add('selected');
    const dl = $('event-detail');
    dl.replaceChildren();
    Object.entries(event).forEach(([k, v]) => {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      dd.dataset.field = k;
      dl.append(dt, dd);
    });
    $('event').hidden = false;
  }

  async function search() {
    const q = new URLSearchParams(query);
    q.set('page', page);
    q.set('size', PAGE_SIZE);
    say('search-status', 'Searching…');
    try {
      const body = await (await api('/api/v1/audit/events?' + q)).json();
      const tbody = document.querySelector('#events-table tbody');
      tbody.replaceChildren();
      body.events.forEach((e) => {
        const row = document.createElement('tr');
        row.dataset.seq = e.seq;
        [e.seq, e.occurredAt, e.partner, e.service, e.operation, e.outcome, e.status, e.latencyMs]
          .forEach((v) => cell(row, v));
        row.addEventListener('click', () => showEvent(e, row));
        tbody.appendChild(row);
      });
      say('search-status', body.events.length === 0 ? 'No events match.'
        : 'Events ' + (page * PAGE_SIZE + 1) + '–' + (page * PAGE_SIZE + body.events.length) + ', newest first.');
      $('page-number').textContent = 'page ' + (page + 1);
      $('previous-page').disabled = page === 0;
      $('next-page').disabled = body.events.length < PAGE_SIZE;
    } catch (e) {
      say('search-status', 'Search failed: ' + e.message, 'error');
    }
  }

  /** The range of the integrity check and the export: from and to, when given. */
  function range() {
    const q = new URLSearchParams();
    const from = instant('integrity-from');
    const to = instant('integrity-to');
    if (from) { q.set('from', from); }
    if (to) { q.set('to', to); }
    return q;
  }

  async function checkIntegrity() {
    say('integrity-result', 'Checking…');
    try {
      const r = await (await api('/api/v1/audit/integrity?' + range())).json();
      if (r.verified) {
        say('integrity-result', r.events === 0 ? 'Verified: no events in this range.'
          : 'Verified: ' + r.events + ' events (seq ' + r.firstSeq + '–' + r.lastSeq + '), '
            + r.checkpoints + ' signed checkpoints.', 'verified');
      } else {
        say('integrity-result', 'NOT verified: the record breaks at seq ' + r.firstBrokenSeq + ': ' + r.reason
          + '.', 'broken');
      }
    } catch (e) {
      say('integrity-result', 'The check failed: ' + e.message, 'error');
    }
  }

  async function download() {
    say('export-status', 'Preparing the export…');
    try {
      const blob = await (await api('/api/v1/audit/export?' + range())).blob();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'audit-export.zip';
      link.click();
      URL.revokeObjectURL(link.href);
      say('export-status', 'Downloaded audit-export.zip (' + blob.size + ' bytes).');
    } catch (e) {
      say('export-status', 'The export failed: ' + e.message, 'error');
    }
  }

  $('search-form').addEventListener('submit', (event) => {
    event.preventDefault();
    query = searchQuery();
    page = 0;
    search();
  });
  $('previous-page').addEventListener('click', () => { page--; search(); });
  $('next-page').addEventListener('click', () => { page++; search(); });
  $('integrity-form').addEventListener('submit', (event) => {
    event.preventDefault();
    checkIntegrity();
  });
  $('export-button').addEventListener('click', () => download());

  StaffSignIn.attach(SCOPE, ['search', 'integrity', 'export'], (t) => { token = t; });
}());
