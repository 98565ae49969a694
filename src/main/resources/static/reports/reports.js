// The reports page for operators and provincial leaders, signed in with StaffSignIn
// (../shared/sign-in.js): non-cash coverage per commune as a bar chart and table, the progress of
// opening accounts for poor and near-poor households as a second chart and table, and a batch's
// reconciliation, from the gateway's report API.
(function () {
  'use strict';
  const SCOPE = 'report.read';
  let token = null;
  const $ = (id) => document.getElementById(id);
  const number = new Intl.NumberFormat('vi-VN');

  if (StaffSignIn.reopenOnLoopbackAddress()) {
    return;
  }

  function say(id, text, isError) {
    const el = $(id);
    el.textContent = text;
    el.className = isError ? 'error' : '';
  }

  // sums of đồng may pass 2^53: whole numbers beyond it become BigInt (Intl formats both) where the
  // browser gives the source text to a reviver, instead of being rounded
  const exact = (key, value, context) => typeof value === 'number' && !Number.isSafeInteger(value)
    && context && /^-?[0-9]+$/.test(context.source) ? BigInt(context.source) : value;

  async function api(path) {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + token } });
    const body = JSON.parse(await response.text(), exact);
    if (!response.ok) {
      throw new Error(body.detail || body.title || ('HTTP ' + response.status));
    }
    return body;
  }

  StaffSignIn.attach(SCOPE, ['coverage', 'account-opening', 'reconciliation'], (t) => { token = t; });

  function cell(row, text) {
    const td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
  }

  // a split legacy commune whose people could not be attributed to one of its parts has a line of its own
  function lineOf(c) {
    return c.split ? c.legacyCommuneCode + ' (split)' : c.communeCode;
  }

  // the charts: one row per commune, its label at the left and its bars from LABEL_WIDTH on
  const SVG = 'http://www.w3.org/2000/svg';
  const ROW_HEIGHT = 22;
  const LABEL_WIDTH = 70;
  const BAR_WIDTH = 600;

  function svgElement(name, attributes, text) {
    const e = document.createElementNS(SVG, name);
    Object.entries(attributes).forEach(([key, value]) => e.setAttribute(key, value));
    if (text !== undefined) {
      e.textContent = text;
    }
    return e;
  }

  function rows(svgId, communes, label, bars) {
    const svg = $(svgId);
    svg.replaceChildren();
    svg.setAttribute('viewBox', '0 0 ' + (BAR_WIDTH + LABEL_WIDTH + 60) + ' '
      + Math.max(ROW_HEIGHT, communes.length * ROW_HEIGHT));
    communes.forEach((c, i) => {
      const y = i * ROW_HEIGHT;
      svg.appendChild(svgElement('text', { x: 0, y: y + 15 }, label(c)));
      bars(svg, c, y);
    });
  }

  function chart(communes) {
    rows('coverage-chart', communes, lineOf, (svg, c, y) => {
      const width = BAR_WIDTH * Number(c.percent) / 100;
      svg.append(svgElement('rect', { class: 'bar', x: LABEL_WIDTH, y: y + 3, height: ROW_HEIGHT - 6, width: width,
          'data-commune': c.split ? 'split-' + c.legacyCommuneCode : c.communeCode }),
        svgElement('text', { x: LABEL_WIDTH + width + 6, y: y + 15 }, Number(c.percent).toFixed(2) + '%'));
    });
  }

  $('coverage-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const period = encodeURIComponent($('period').value);
      const province = encodeURIComponent($('province').value);
      const c = await api('/api/v1/reports/non-cash-coverage?period=' + period + '&provinceCode=' + province);
      say('coverage-summary', number.format(c.paidThroughAccounts) + ' of ' + number.format(c.beneficiaries)
        + ' = ' + Number(c.percent).toFixed(2) + '% paid through accounts; ' + number.format(c.paidInCash)
        + ' in cash (province ' + c.provinceCode + ', ' + c.period + ').');
      const body = $('coverage-table').querySelector('tbody');
      body.replaceChildren();
      c.communes.forEach((commune) => {
        const row = document.createElement('tr');
        row.setAttribute('data-commune', commune.split ? 'split-' + commune.legacyCommuneCode : commune.communeCode);
        if (commune.communeName) {
          row.title = commune.split ? commune.communeName + ': split in 2025, not attributed' : commune.communeName;
        }
        cell(row, lineOf(commune));
        cell(row, number.format(commune.beneficiaries));
        cell(row, number.format(commune.paidThroughAccounts));
        cell(row, number.format(commune.paidInCash));
        cell(row, Number(commune.percent).toFixed(2));
        body.appendChild(row);
      });
      chart(c.communes);
    } catch (e) {
      say('coverage-summary', 'No report: ' + e.message, true);
    }
  });

  // households by the best state of their members, drawn left to right in this order
  const STATES = [['open', 'withOpenAccount'], ['requested', 'accountRequested'], ['rejected', 'accountRejected'],
    ['none', 'noAccountYet']];

  function progressChart(communes) {
    rows('account-opening-chart', communes, (c) => c.communeCode, (svg, c, y) => {
      let x = LABEL_WIDTH;
      STATES.forEach(([state, key]) => {
        const w = c.all.households === 0 ? 0 : BAR_WIDTH * Number(c.all[key]) / Number(c.all.households);
        const bar = svgElement('rect', { class: state, x: x, y: y + 3, height: ROW_HEIGHT - 6, width: w.toFixed(2),
          'data-commune': c.communeCode, 'data-state': state });
        bar.appendChild(svgElement('title', {}, c.communeCode + ': ' + number.format(c.all[key]) + ' ' + state));
        svg.appendChild(bar);
        x += w;
      });
      svg.appendChild(svgElement('text', { x: LABEL_WIDTH + BAR_WIDTH + 6, y: y + 15 },
        Number(c.all.percent).toFixed(2) + '%'));
    });
  }

  function daysLeft(p) {
    const days = Number(p.daysLeft);
    return days >= 0 ? number.format(days) + ' days left to ' + p.deadline + '.'
      : 'the deadline ' + p.deadline + ' passed ' + number.format(-days) + ' days ago.';
  }

  $('account-opening-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const province = encodeURIComponent($('ao-province').value);
      const deadline = encodeURIComponent($('ao-deadline').value);
      const p = await api('/api/v1/reports/account-opening-progress?provinceCode=' + province + '&deadline=' + deadline);
      const t = p.total;
      say('account-opening-summary', 'Province ' + p.provinceCode + ': ' + number.format(t.all.withOpenAccount) + ' of '
        + number.format(t.all.households) + ' households = ' + Number(t.all.percent).toFixed(2) + '% with an open account'
        + ' (poor ' + number.format(t.poor.withOpenAccount) + ' of ' + number.format(t.poor.households) + ', near-poor '
        + number.format(t.nearPoor.withOpenAccount) + ' of ' + number.format(t.nearPoor.households) + '); '
        + number.format(t.all.accountRequested) + ' requested, ' + number.format(t.all.accountRejected) + ' rejected, '
        + number.format(t.all.noAccountYet) + ' none yet; ' + daysLeft(p), Number(p.daysLeft) < 0);
      const body = $('account-opening-table').querySelector('tbody');
      body.replaceChildren();
      p.communes.forEach((c) => {
        const row = document.createElement('tr');
        row.setAttribute('data-commune', c.communeCode);
        cell(row, c.communeCode);
        cell(row, number.format(c.poor.households));
        cell(row, number.format(c.nearPoor.households));
        STATES.forEach(([, key]) => cell(row, number.format(c.all[key])));
        cell(row, Number(c.all.percent).toFixed(2));
        body.appendChild(row);
      });
      progressChart(p.communes);
    } catch (e) {
      say('account-opening-summary', 'No report: ' + e.message, true);
    }
  });

  const LINES = [['declared', 'Declared'], ['received', 'Received'], ['valid', 'Valid'], ['invalid', 'Invalid'],
    ['duplicate', 'Duplicates stopped'], ['deceased', 'Deceased stopped'], ['unverified', 'Unverified stopped'],
    ['identityMismatch', 'Identity mismatches stopped'], ['ineligible', 'Suspended or terminated stopped'],
    ['cash', 'In cash'], ['cashPaid', 'Paid in cash'], ['cashUncollected', 'Cash not collected'],
    ['cashAwaiting', 'Cash not recorded yet'],
    ['dispatched', 'Delivered to banks'], ['paid', 'Paid'], ['rejected', 'Rejected'], ['returned', 'Returned'],
    ['awaitingResult', 'Awaiting the bank\'s result'], ['pending', 'Not yet delivered']];

  $('reconciliation-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const r = await api('/api/v1/reports/reconciliation?batchId=' + encodeURIComponent($('batch-id').value.trim()));
      say('reconciliation-summary', 'Batch ' + r.status + ': ' + (r.balanced ? 'balanced.' : 'does NOT balance.'),
        !r.balanced);
      if (r.balanced) {
        $('reconciliation-summary').className = 'balanced';
      }
      const body = $('reconciliation-table').querySelector('tbody');
      body.replaceChildren();
      LINES.forEach(([key, title]) => {
        const row = document.createElement('tr');
        row.setAttribute('data-line', key);
        cell(row, title);
        cell(row, number.format(r[key].count));
        cell(row, number.format(r[key].sumVnd));
        body.appendChild(row);
      });
    } catch (e) {
      say('reconciliation-summary', 'No reconciliation: ' + e.message, true);
    }
  });
}());
