// The payment-point page, signed in with StaffSignIn (../shared/sign-in.js): a commune's cash
// payments of a period from GET /api/v1/cash-payouts, and one button per outcome that records it with
// POST /api/v1/cash-payouts. Each outcome of a payment keeps one Idempotency-Key in this tab, so a
// click repeated after a lost answer records it once.
(function () {
  'use strict';
  const SCOPE = 'cash.record';
  let token = null;
  const $ = (id) => document.getElementById(id);
  const number = new Intl.NumberFormat('vi-VN');
  const keys = new Map();

  if (StaffSignIn.reopenOnLoopbackAddress()) {
    return;
  }

  function say(text, isError) {
    $('payouts-summary').textContent = text;
    $('payouts-summary').className = isError ? 'error' : '';
  }

  async function api(path, options) {
    const response = await fetch(path, Object.assign({ headers: {} }, options, {
      headers: Object.assign({ Authorization: 'Bearer ' + token }, (options || {}).headers)
    }));
    const body = await response.json();
    if (!response.ok) {
      const reasons = (body.errors || []).map((e) => e.reason).join('; ');
      throw new Error((body.detail || body.title || ('HTTP ' + response.status)) + (reasons ? ' (' + reasons + ')' : ''));
    }
    return body;
  }

  StaffSignIn.attach(SCOPE, ['payouts'], (t) => { token = t; });

  const STATUS = { CASH: 'Chờ chi / To pay', PAID: 'Đã chi / Paid', UNCOLLECTED: 'Không nhận / Not collected' };
  const OUTCOMES = [['PAID_IN_CASH', 'Đã chi / Paid'], ['PAID_TO_REPRESENTATIVE', 'Người đại diện nhận / Paid to representative'],
    ['NOT_COLLECTED', 'Không nhận / Not collected']];

  function cell(row, text) {
    const td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function representative(p) {
    const r = p.representative;
    return r ? r.fullName + ' (' + r.relationship + ', ' + r.personalId + ', đến / until ' + r.validUntil + ')' : '';
  }

  async function record(p, outcome, buttons) {
    const id = p.batchId + '/' + p.paymentId + '/' + outcome;
    if (!keys.has(id)) {
      keys.set(id, crypto.randomUUID());
    }
    buttons.forEach((b) => { b.disabled = true; });
    try {
      const r = await api('/api/v1/cash-payouts', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': keys.get(id) },
        body: JSON.stringify({ batchId: p.batchId, paymentId: p.paymentId, outcome,
          paidAt: new Date().toISOString(), place: $('place').value.trim() })
      });
      say('Đã ghi nhận / Recorded: ' + r.paymentId + ' — ' + STATUS[r.status]);
      await show();
    } catch (e) {
      say('Không ghi nhận được / Not recorded: ' + e.message, true);
      buttons.forEach((b) => { b.disabled = false; });
    }
  }

  function line(p) {
    const row = document.createElement('tr');
    row.setAttribute('data-payment', p.paymentId);
    row.setAttribute('data-status', p.status);
    cell(row, p.paymentId);
    cell(row, p.fullName);
    cell(row, p.personalId);
    cell(row, number.format(p.amountVnd));
    cell(row, representative(p));
    cell(row, STATUS[p.status] + (p.viaRepresentative && p.status === 'PAID' ? ' — người đại diện / representative' : ''))
      .className = p.status;
    const actions = cell(row, '');
    if (p.status === 'CASH') {
      const buttons = OUTCOMES.filter(([o]) => o !== 'PAID_TO_REPRESENTATIVE' || p.representative).map(([o, title]) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = title;
        b.setAttribute('data-outcome', o);
        actions.appendChild(b);
        return b;
      });
      buttons.forEach((b) => b.addEventListener('click', () => record(p, b.getAttribute('data-outcome'), buttons)));
    } else if (p.paidAt) {
      actions.textContent = new Date(p.paidAt).toLocaleString('vi-VN') + ' — ' + p.place;
    }
    return row;
  }

  async function show() {
    const query = new URLSearchParams({ period: $('period').value.trim(), communeCode: $('commune').value.trim(),
      size: '1000' });
    const page = await api('/api/v1/cash-payouts?' + query);
    const body = $('payouts-table').querySelector('tbody');
    body.replaceChildren(...page.payments.map(line));
    const open = page.payments.filter((p) => p.status === 'CASH').length;
    return { all: page.payments.length, open };
  }

  $('payouts-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const shown = await show();
      say(shown.all + ' khoản, ' + shown.open + ' chờ chi / ' + shown.all + ' payments, ' + shown.open + ' to pay');
    } catch (e) {
      say('Không có danh sách / No list: ' + e.message, true);
    }
  });
}());
