/*
 * Tasklist-plugin «Forløpskoder» (Tasklist 7.24 plugin API, ES-modul uten byggesteg).
 * En fane på hver oppgave viser forløpets registrerte koder, forløpstider og rettinger, og en lenke i menyen finner
 * ethvert forløp, pågående eller avsluttet, på henvisningen. En forløpskoordinator retter der datoen for en kode, eller
 * trekker tilbake en kode registrert ved en feil, alltid med begrunnelse. Dataene kommer fra plugin-ressursen
 * /camunda/api/tasklist/plugin/pakkeforlop-koder/{engine}/..., som bruker de samme tjenestene og reglene som
 * GET /api/pathways/{referralId} og POST /api/pathways/{referralId}/corrections. Datoer vises og skrives dd.mm.åååå.
 */
import { displayDate, invalidDateMessage, isoDate, parseNorwegianDate } from '../../../../../../app/pakkeforlop/dates.js';

const STATES = { ACTIVE: 'Pågår', COMPLETED: 'Fullført', TERMINATED: 'Avsluttet' };
const STATUSES = { MET: 'Overholdt', BREACHED: 'Brudd', PENDING: 'Løper', NOT_APPLICABLE: 'Gjelder ikke' };
const INTERVALS = {
  REFERRAL_TO_FIRST_ATTENDANCE: 'Henvisning til første fremmøte',
  FIRST_ATTENDANCE_TO_DECISION: 'Første fremmøte til beslutning',
  DECISION_TO_TREATMENT: 'Beslutning til behandlingsstart',
  REFERRAL_TO_TREATMENT: 'Henvisning til behandlingsstart',
};

function escapeHtml(value) {
  return String(value == null ? '' : value).replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  }[c]));
}

function client(api) {
  const root = `${api.tasklistApi}/plugin/pakkeforlop-koder/${api.engine}`;
  return async (method, path, params = {}, body = undefined) => {
    const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== '')).toString();
    const response = await fetch(`${root}/${path}${query ? `?${query}` : ''}`, {
      method,
      headers: {
        Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(answer.detail || response.statusText);
      error.errors = answer.errors || [];
      error.status = response.status;
      throw error;
    }
    return answer;
  };
}

/** The referral of a task's pathway (the business key), read through Tasklist's own engine API. */
async function referralOfTask(api, taskId) {
  const response = await fetch(`${api.engineApi}/task/${encodeURIComponent(taskId)}/variables/referralId`, {
    headers: { Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken },
    credentials: 'same-origin',
  });
  if (!response.ok) {
    return null;
  }
  const variable = await response.json().catch(() => ({}));
  return variable.value || null;
}

function errorText(error) {
  const details = (error.errors || []).map((e) => e.message).filter((m) => m && m !== error.message);
  return [error.message, ...details].join(' ');
}

function codesTable(pathway) {
  const rows = pathway.codes.map((code) => `<tr data-code="${escapeHtml(code.code)}" data-date="${escapeHtml(code.date)}">
      <td>${escapeHtml(code.code)}</td><td class="pfk-date">${escapeHtml(displayDate(code.date))}</td></tr>`).join('');
  return `<table class="pfk-table pfk-codes"><thead><tr><th>Kode</th><th>Dato</th></tr></thead>
    <tbody>${rows || '<tr><td colspan="2">Ingen koder registrert.</td></tr>'}</tbody></table>`;
}

function intervalsTable(pathway) {
  const rows = pathway.intervals.map((interval) => `<tr data-interval="${escapeHtml(interval.interval)}">
      <td>${escapeHtml(INTERVALS[interval.interval] || interval.interval)} (${escapeHtml(interval.standardDays)} dager)</td>
      <td>${interval.start ? escapeHtml(displayDate(interval.start)) : '–'}</td>
      <td>${interval.due ? escapeHtml(displayDate(interval.due)) : '–'}</td>
      <td>${interval.end ? escapeHtml(displayDate(interval.end)) : '–'}</td>
      <td class="pfk-status-${escapeHtml(interval.status)}">${escapeHtml(STATUSES[interval.status] || interval.status)}</td>
    </tr>`).join('');
  return `<table class="pfk-table pfk-intervals"><thead><tr><th>Forløpstid</th><th>Start</th><th>Frist</th>
    <th>Slutt</th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function correctionsList(pathway) {
  if (!pathway.corrections || pathway.corrections.length === 0) {
    return '<p class="pfk-note">Ingen rettinger.</p>';
  }
  const rows = pathway.corrections.map((c) => `<tr class="pfk-correction">
      <td>${escapeHtml(c.code)}</td>
      <td>${c.withdrawn ? `Trukket tilbake (var ${escapeHtml(displayDate(c.oldDate))})`
    : `${escapeHtml(displayDate(c.oldDate))} → ${escapeHtml(displayDate(c.newDate))}`}</td>
      <td>${escapeHtml(c.reason)}</td><td>${escapeHtml(c.userId)}</td>
      <td>${escapeHtml(new Date(c.at).toLocaleString('nb-NO', {
    timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
  }))}</td></tr>`).join('');
  return `<table class="pfk-table"><thead><tr><th>Kode</th><th>Retting</th><th>Begrunnelse</th><th>Av</th>
    <th>Når</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function correctionForm(pathway) {
  const options = pathway.codes.map((code, i) => `<option value="${i}">${escapeHtml(code.code)} `
    + `(${escapeHtml(displayDate(code.date))})</option>`).join('');
  return `<form class="pfk-form" novalidate>
      <h4>Rett en registrert kode</h4>
      <p class="pfk-note">Rett datoen når den er registrert feil, eller trekk tilbake en kode som er registrert ved en
        feil. Trekkes en kode som avsluttet forløpet tilbake, settes forløpet tilbake til oppgaven som registrerte den.
        Alle rettinger lagres med begrunnelse, hvem og når, og sendes videre med kodene.</p>
      <label>Kode <select name="code">${options}</select></label>
      <label class="pfk-radio"><input type="radio" name="kind" value="date" checked> Rett datoen</label>
      <label class="pfk-radio"><input type="radio" name="kind" value="withdraw"> Trekk tilbake (registrert ved en feil)</label>
      <label class="pfk-new-date">Riktig dato (dd.mm.åååå) <input type="text" name="date" placeholder="dd.mm.åååå"
        autocomplete="off"></label>
      <label>Begrunnelse (påkrevd) <textarea name="reason" rows="3" maxlength="2000"></textarea></label>
      <button type="submit" class="btn btn-primary">Lagre rettingen</button>
      <div class="pfk-message" role="status"></div>
    </form>`;
}

/** Shows one pathway and, for coordinators, the correction form; after a correction the pathway as it stands. */
function showPathway(container, api, pathway, mayCorrect, message) {
  container.innerHTML = `<div class="pfk-pathway" data-referral-id="${escapeHtml(pathway.referralId)}">
      <p><strong>Henvisning ${escapeHtml(pathway.referralId)}</strong>:
        <span class="pfk-state">${escapeHtml(STATES[pathway.state] || pathway.state)}</span></p>
      <h4>Registrerte koder</h4>${codesTable(pathway)}
      <h4>Standard forløpstider</h4>${intervalsTable(pathway)}
      <h4>Rettinger</h4>${correctionsList(pathway)}
      ${mayCorrect && pathway.codes.length > 0 ? correctionForm(pathway) : ''}
    </div>`;
  const form = container.querySelector('.pfk-form');
  if (!form) {
    return;
  }
  const say = (text, error) => {
    const box = form.querySelector('.pfk-message');
    box.className = `pfk-message ${error ? 'pfk-error' : 'pfk-ok'}`;
    box.textContent = text;
  };
  if (message) {
    say(message, false);
  }
  const toggle = () => {
    form.querySelector('.pfk-new-date').style.display = form.kind.value === 'date' ? '' : 'none';
  };
  form.querySelectorAll('input[name="kind"]').forEach((radio) => radio.addEventListener('change', toggle));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = pathway.codes[Number(form.code.value)];
    const body = { code: code.code, currentDate: code.date, reason: form.reason.value };
    if (form.kind.value === 'withdraw') {
      body.withdrawn = true;
    } else {
      const typed = form.date.value.trim();
      const date = parseNorwegianDate(typed);
      if (!date) {
        say(typed ? invalidDateMessage(typed, false) : 'Riktig dato må fylles ut (dd.mm.åååå).', true);
        return;
      }
      body.date = isoDate(date);
    }
    if (!form.reason.value.trim()) {
      say('Begrunnelsen må fylles ut.', true);
      return;
    }
    form.querySelector('button').disabled = true;
    try {
      const corrected = await client(api)('POST', 'corrections', { referralId: pathway.referralId }, body);
      showPathway(container, api, corrected, mayCorrect, 'Rettingen er lagret.');
    } catch (error) {
      form.querySelector('button').disabled = false;
      say(`Rettingen ble ikke lagret: ${errorText(error)}`, true);
    }
  });
}

async function load(container, api, referralId) {
  container.innerHTML = '<p class="pfk-note">Henter forløpet …</p>';
  try {
    const call = client(api);
    const [pathway, access] = await Promise.all([call('GET', 'pathway', { referralId }), call('GET', 'access')]);
    showPathway(container, api, pathway, access.correct);
  } catch (error) {
    container.innerHTML = `<p class="pfk-error">${escapeHtml(errorText(error))}</p>`;
  }
}

/** The tab on a task: the codes of the task's pathway. */
async function renderTaskTab(node, api, taskId) {
  node.innerHTML = '<div class="pfk-plugin"><div class="pfk-body"></div></div>';
  const body = node.querySelector('.pfk-body');
  const referralId = await referralOfTask(api, taskId);
  if (!referralId) {
    body.innerHTML = '<p class="pfk-note">Oppgaven hører ikke til et pakkeforløp.</p>';
    return;
  }
  await load(body, api, referralId);
}

/** The menu entry: any pathway, running or ended, found by its referral. */
function renderNavbar(node, api) {
  node.innerHTML = '<a href="" class="pfk-open" role="button">Forløpskoder</a>';
  node.querySelector('.pfk-open').addEventListener('click', (event) => {
    event.preventDefault();
    let panel = document.querySelector('.pfk-panel');
    if (panel) {
      panel.remove();
      return;
    }
    panel = document.createElement('div');
    panel.className = 'pfk-plugin pfk-panel';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', 'Forløpskoder');
    panel.innerHTML = `<button type="button" class="close pfk-close" aria-label="Lukk">&times;</button>
      <h3>Forløpskoder</h3>
      <form class="pfk-find" novalidate><label>Henvisning <input type="text" name="referralId" autocomplete="off"></label>
        <button type="submit" class="btn btn-default">Vis forløpet</button></form>
      <div class="pfk-body"></div>`;
    document.body.appendChild(panel);
    panel.querySelector('.pfk-close').addEventListener('click', () => panel.remove());
    const find = panel.querySelector('.pfk-find');
    find.referralId.focus();
    find.addEventListener('submit', (submitted) => {
      submitted.preventDefault();
      const referralId = find.referralId.value.trim();
      if (referralId) {
        load(panel.querySelector('.pfk-body'), api, referralId);
      }
    });
  });
}

export default [
  {
    id: 'pakkeforlop-koder-task',
    pluginPoint: 'tasklist.task.detail',
    priority: 5,
    label: 'Forløpskoder',
    render: (node, { api, taskId }) => {
      renderTaskTab(node, api, taskId);
    },
  },
  {
    id: 'pakkeforlop-koder-navbar',
    pluginPoint: 'tasklist.navbar.action',
    priority: 50,
    render: (node, { api }) => renderNavbar(node, api),
  },
];
