'use strict';
(function () {
  const base = document.body.dataset.base;

  function cell(row, text) {
    const td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
  }

  // The rule table: rows that do not contain the filter text are hidden.
  const filter = document.getElementById('rule-filter');
  filter.addEventListener('input', function () {
    const wanted = filter.value.trim().toLowerCase();
    document.querySelectorAll('#rule-table tbody tr').forEach(function (row) {
      row.classList.toggle('hidden', wanted !== '' && !row.textContent.toLowerCase().includes(wanted));
    });
  });

  // The latest refusals, polled: the page never needs a reload.
  const status = document.getElementById('refusals-status');
  async function refreshRefusals() {
    try {
      const answer = await fetch(base + '/refusals', {cache: 'no-store'});
      const body = await answer.json();
      const rows = document.createDocumentFragment();
      body.refusals.forEach(function (r) {
        const row = document.createElement('tr');
        [r.time, r.method, r.path, String(r.status), r.reason, r.correlationId, r.step].forEach(function (t) {
          cell(row, t);
        });
        rows.appendChild(row);
      });
      const tbody = document.querySelector('#refusal-table tbody');
      tbody.replaceChildren(rows);
      status.textContent = '';
    } catch (e) {
      status.textContent = 'Could not refresh (is the server running?)';
    }
  }
  setInterval(refreshRefusals, 2000);

  // The token doctor.
  const form = document.getElementById('doctor-form');
  const result = document.getElementById('doctor-result');
  form.addEventListener('submit', async function (event) {
    event.preventDefault();
    result.replaceChildren();
    const token = document.getElementById('doctor-token').value;
    let body;
    try {
      const answer = await fetch(base + '/doctor', {
        method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({token: token,
          servlet: document.getElementById('doctor-servlet').value,
          method: document.getElementById('doctor-method').value})
      });
      body = await answer.json();
      if (!answer.ok) {
        const p = document.createElement('p');
        p.className = 'FAIL';
        p.textContent = body.error || ('HTTP ' + answer.status);
        result.appendChild(p);
        return;
      }
    } catch (e) {
      result.textContent = 'The doctor could not be reached.';
      return;
    }
    const summary = document.createElement('p');
    summary.id = 'doctor-summary';
    summary.className = body.result;
    summary.textContent = body.result + ' - ' + body.summary + ' (server time ' + body.serverTime + ' UTC)';
    result.appendChild(summary);
    if (body.endpoint) {
      const endpoint = document.createElement('p');
      endpoint.id = 'doctor-endpoint';
      endpoint.textContent = body.endpoint;
      result.appendChild(endpoint);
    }
    const steps = document.createElement('ol');
    steps.className = 'steps';
    body.steps.forEach(function (s) {
      const li = document.createElement('li');
      const verdict = document.createElement('span');
      verdict.className = s.verdict;
      verdict.textContent = '[' + s.verdict + '] ';
      li.appendChild(verdict);
      li.appendChild(document.createTextNode(s.label + (s.detail ? ' - ' + s.detail : '')));
      [['Why: ', s.why], ['Fix: ', s.fix]].forEach(function (pair) {
        if (pair[1]) {
          const p = document.createElement('div');
          p.textContent = pair[0] + pair[1];
          li.appendChild(p);
        }
      });
      steps.appendChild(li);
    });
    result.appendChild(steps);
    if (body.token && body.token.readable) {
      const table = document.createElement('table');
      table.id = 'doctor-claims';
      const caption = document.createElement('caption');
      caption.textContent = 'Decoded header and claims (times in UTC, then in this browser\'s local time)';
      table.appendChild(caption);
      const entries = Object.entries(body.token.header).map(function (e) { return ['header ' + e[0], e[1]]; })
        .concat(Object.entries(body.token.claims));
      entries.forEach(function (e) {
        const row = document.createElement('tr');
        const seconds = /^(exp|nbf|iat|auth_time)$/.test(e[0]) ? /\((\d+)\)$/.exec(e[1]) : null;
        cell(row, e[0]);
        cell(row, seconds ? e[1] + ', local ' + new Date(Number(seconds[1]) * 1000).toLocaleString() : e[1]);
        table.appendChild(row);
      });
      result.appendChild(table);
    }
  });
})();
