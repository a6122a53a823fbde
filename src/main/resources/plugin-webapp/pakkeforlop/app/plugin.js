/*
 * Cockpit-plugin «Pakkeforløp» (Cockpit 7.24 plugin API, ES-modul uten byggesteg).
 * Viser andelen forløp innenfor standard forløpstid måned for måned (mål 70 %) og forløpene som står i fare for å
 * bryte en frist. Tallene kommer fra plugin-ressursen /camunda/api/cockpit/plugin/pakkeforlop/{engine}/..., som
 * bruker de samme tjenestene som /api/reports/pathway-times og /api/worklist/at-risk. Diagrammene er inline SVG.
 * Datoer vises og skrives dd.mm.åååå, med de samme reglene som skjemaene i Tasklist (app/pakkeforlop/dates.js).
 */
import { displayDate, invalidDateMessage, isoDate, parseNorwegianDate } from '../../../../../../app/pakkeforlop/dates.js';

const INTERVALS = {
  REFERRAL_TO_FIRST_ATTENDANCE: 'Henvisning til første fremmøte',
  FIRST_ATTENDANCE_TO_DECISION: 'Første fremmøte til beslutning',
  DECISION_TO_TREATMENT: 'Beslutning til behandlingsstart',
  REFERRAL_TO_TREATMENT: 'Henvisning til behandlingsstart',
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'des'];
const SVG = 'http://www.w3.org/2000/svg';

function escapeHtml(value) {
  return String(value == null ? '' : value).replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  }[c]));
}

function percent(share) {
  return share == null ? '–' : `${(share * 100).toFixed(1).replace('.', ',')} %`;
}

function number(value) {
  return value == null ? '–' : String(value).replace('.', ',');
}

function monthLabel(yearMonth) {
  const [year, month] = yearMonth.split('-');
  return `${MONTHS[Number(month) - 1]} ${year.slice(2)}`;
}

function isoToday() {
  // Europe/Oslo, like the server's dates
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());
}

function client(api) {
  const root = `${api.cockpitApi}/plugin/pakkeforlop/${api.engine}`;
  return async (path, params = {}) => {
    const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== '')).toString();
    const response = await fetch(`${root}/${path}${query ? `?${query}` : ''}`, {
      headers: { Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken },
      credentials: 'same-origin',
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const details = (body.errors || []).map((e) => e.message).join(' ');
      const error = new Error(`${body.detail || response.statusText} ${details}`.trim());
      error.status = response.status;
      throw error;
    }
    return body;
  };
}

/** One chart: share within the standard time per month as bars, the 70 % target as a dashed line. */
function chart(interval, months, target) {
  const width = 600;
  const height = 230;
  const left = 44;
  const right = 10;
  const top = 12;
  const bottom = 34;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const slot = plotWidth / months.length;
  const y = (share) => top + plotHeight * (1 - share);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('class', 'pf-chart-svg');
  svg.setAttribute('data-interval', interval);
  svg.setAttribute('aria-label', `${INTERVALS[interval] || interval}: andel innenfor standard forløpstid per måned`);
  const add = (name, attributes, text) => {
    const element = document.createElementNS(SVG, name);
    Object.entries(attributes).forEach(([key, value]) => element.setAttribute(key, value));
    if (text != null) {
      element.textContent = text;
    }
    svg.appendChild(element);
    return element;
  };
  [0, 0.25, 0.5, 0.75, 1].forEach((tick) => {
    add('line', { x1: left, x2: width - right, y1: y(tick), y2: y(tick), stroke: '#e5e5e5' });
    add('text', { x: left - 6, y: y(tick) + 4, 'text-anchor': 'end', 'font-size': 11, fill: '#666' },
      `${tick * 100} %`);
  });
  months.forEach((month, i) => {
    const stats = month.statistics;
    const x = left + i * slot;
    if (stats.completed > 0) {
      const share = stats.shareWithinStandard;
      const bar = add('rect', {
        x: x + slot * 0.15, width: slot * 0.7, y: y(share), height: Math.max(plotHeight * share, 1),
        fill: share >= target ? '#4c9a52' : '#d9534f', class: 'pf-bar',
        'data-month': month.month, 'data-share': share, 'data-completed': stats.completed,
        'data-within': stats.withinStandard, 'data-median': stats.medianDays,
      });
      const title = document.createElementNS(SVG, 'title');
      title.textContent = `${monthLabel(month.month)}: ${percent(share)} av ${stats.completed} innenfor `
        + `${stats.standardDays} dager, median ${number(stats.medianDays)} dager`;
      bar.appendChild(title);
    } else {
      add('text', { x: x + slot / 2, y: y(0) - 4, 'text-anchor': 'middle', 'font-size': 11, fill: '#999',
        class: 'pf-empty', 'data-month': month.month }, '–');
    }
    add('text', { x: x + slot / 2, y: height - bottom + 16, 'text-anchor': 'middle', 'font-size': 11, fill: '#333' },
      monthLabel(month.month));
  });
  add('line', { x1: left, x2: width - right, y1: y(target), y2: y(target), stroke: '#1f4e79',
    'stroke-width': 2, 'stroke-dasharray': '6 4', class: 'pf-target', 'data-target': target });
  add('text', { x: width - right - 2, y: y(target) - 5, 'text-anchor': 'end', 'font-size': 11, fill: '#1f4e79' },
    `mål ${target * 100} %`);
  return svg;
}

function monthlyTable(interval, months) {
  const rows = months.map((month) => {
    const s = month.statistics;
    return `<tr data-month="${escapeHtml(month.month)}">
      <td>${escapeHtml(monthLabel(month.month))}</td>
      <td class="pf-num pf-share">${percent(s.shareWithinStandard)}</td>
      <td class="pf-num pf-completed">${s.completed}</td>
      <td class="pf-num pf-median">${number(s.medianDays)}</td></tr>`;
  }).join('');
  return `<table class="pf-table pf-monthly" data-interval="${escapeHtml(interval)}">
    <thead><tr><th>Måned</th><th class="pf-num">Innenfor</th><th class="pf-num">Fullført</th>
    <th class="pf-num">Median dager</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function periodTable(report) {
  const rows = report.intervals.map((s) => `<tr data-interval="${escapeHtml(s.interval)}">
      <td>${escapeHtml(INTERVALS[s.interval] || s.interval)} (${s.standardDays} dager)</td>
      <td class="pf-num pf-completed">${s.completed}</td>
      <td class="pf-num pf-within">${s.withinStandard}</td>
      <td class="pf-num pf-share ${s.shareWithinStandard != null && s.shareWithinStandard < report.target ? 'pf-under' : 'pf-over'}">${percent(s.shareWithinStandard)}</td>
      <td class="pf-num pf-median">${number(s.medianDays)}</td></tr>`).join('');
  return `<table class="pf-table pf-period">
    <thead><tr><th>Standard forløpstid</th><th class="pf-num">Fullført</th><th class="pf-num">Innenfor</th>
    <th class="pf-num">Andel innenfor</th><th class="pf-num">Median dager</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function atRiskTable(items, api) {
  if (!items.length) {
    return '<p class="pf-note pf-none">Ingen forløp i fare nå.</p>';
  }
  const appRoot = document.querySelector('base').getAttribute('app-root') || '/camunda';
  const rows = items.map((item) => {
    const instance = `#/process-instance/${encodeURIComponent(item.processInstanceId)}/runtime`;
    const task = item.taskId
      ? `<a class="pf-task-link" href="${appRoot}/app/tasklist/${encodeURIComponent(api.engine)}/#/?task=${encodeURIComponent(item.taskId)}" target="_blank" rel="noopener">${escapeHtml(item.taskName || item.nextTask)}</a>`
      : '–';
    const holder = item.taskAssignee
      ? escapeHtml(item.taskAssignee)
      : (item.taskCandidateGroup ? `ledig (${escapeHtml(item.taskCandidateGroup)})` : '–');
    const verdict = item.predictedBreach ? 'Sannsynlig brudd'
      : (item.atRisk ? 'Mulig brudd' : 'Frist snart');
    const level = item.predictedBreach ? 'pf-likely' : (item.atRisk ? 'pf-possible' : 'pf-soon');
    return `<tr class="pf-risk ${level} ${item.daysLeft <= 1 ? 'pf-overdue-soon' : ''}" data-referral-id="${escapeHtml(item.referralId)}" data-interval="${escapeHtml(item.interval)}">
      <td class="pf-num pf-days-left">${item.daysLeft}</td>
      <td class="pf-referral"><a href="${instance}">${escapeHtml(item.referralId)}</a></td>
      <td class="pf-pathway">${escapeHtml(item.pathway)}</td>
      <td class="pf-num pf-version">${escapeHtml(String(item.version))}</td>
      <td class="pf-interval">${escapeHtml(INTERVALS[item.interval] || item.interval)}</td>
      <td class="pf-due">${escapeHtml(displayDate(item.due))}</td>
      <td class="pf-verdict">${verdict}</td>
      <td class="pf-predicted">${escapeHtml(displayDate(item.predictedEnd))}</td>
      <td class="pf-cautious">${escapeHtml(displayDate(item.cautiousEnd))}</td>
      <td class="pf-next-task">${task}</td>
      <td class="pf-holder">${holder}</td>
      <td class="pf-hospital">${escapeHtml(item.hospital)}</td>
      <td class="pf-why">${escapeHtml(item.explanation)}</td></tr>`;
  }).join('');
  return `<table class="pf-table pf-at-risk">
    <thead><tr><th class="pf-num">Dager igjen</th><th>Henvisning</th><th>Forløp</th>
    <th class="pf-num" title="Versjonen av forløpsmodellen forløpet følger">Versjon</th><th>Standard forløpstid</th><th>Frist</th>
    <th>Vurdering</th><th>Forventet slutt (median)</th><th>Forsiktig anslag (80 %)</th><th>Neste oppgave</th>
    <th>Hos</th><th>Sykehus</th><th>Grunnlag</th></tr></thead>
    <tbody>${rows}</tbody></table>`;
}

/** The whole view; {@code compact} on the dashboard: the charts and the at-risk list, without period tables. */
function render(node, api, compact) {
  const get = client(api);
  const today = isoToday();
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4, 8)}01`;
  node.innerHTML = `<section class="pf-plugin ${compact ? 'pf-compact' : 'pf-page'}">
    <h2>Pakkeforløp for <span class="pf-pathway-name"></span>${compact ? ' <small><a href="#/pakkeforlop">Åpne Pakkeforløp</a></small>' : ''}</h2>
    <div class="pf-controls">
      <label>Pakkeforløp <select class="form-control pf-pathway-select"></select></label>
    </div>
    <div class="pf-report-part">
      <h3>Andel innenfor standard forløpstid, siste 12 måneder (mål 70 %)</h3>
      <div class="pf-controls">
        <label>Sykehus <select class="form-control pf-hospital-select"><option value="">Alle sykehus</option></select></label>
      </div>
      <div class="pf-charts"><p class="pf-note">Henter forløpstider …</p></div>
      <div class="pf-period-part" ${compact ? 'hidden' : ''}>
        <h3>Valgt periode</h3>
        <div class="pf-controls">
          <label>Fra og med <input type="text" class="form-control pf-from" placeholder="dd.mm.åååå"
            autocomplete="off" value="${displayDate(yearAgo)}"></label>
          <label>Til og med <input type="text" class="form-control pf-to" placeholder="dd.mm.åååå"
            autocomplete="off" value="${displayDate(today)}"></label>
          <button type="button" class="btn btn-default pf-show">Vis</button>
        </div>
        <div class="pf-period"></div>
      </div>
    </div>
    <div class="pf-risk-part">
      <h3>Forløp i fare</h3>
      <div class="pf-controls">
        <label>Frist innen (dager) <input type="number" min="0" max="365" value="3" class="form-control pf-within"></label>
        <button type="button" class="btn btn-default pf-risk-show">Oppdater</button>
      </div>
      <p class="pf-note">Løpende standard forløpstider med frist innen valgt antall dager, eller som kan bli brutt.
        Anslaget bygger på forløp fullført siste 12 måneder som hadde brukt minst like mange dager av samme
        standard forløpstid (sykehusets egne når minst 20 er kjent, ellers alle sykehus, ellers normert tid).
        <strong>Sannsynlig brudd</strong>: halvparten av dem brukte lenger enn fristen tillater.
        <strong>Mulig brudd</strong>: minst hvert femte gjorde det, eller under 2 dager igjen.
        Sortert etter dager igjen. Bare henvisnings-id vises.</p>
      <div class="pf-risk"><p class="pf-note">Henter forløp i fare …</p></div>
    </div>
  </section>`;
  const $ = (selector) => node.querySelector(selector);
  const fail = (where, error) => {
    where.innerHTML = `<p class="pf-error">${escapeHtml(error.status === 403
      ? 'Du har ikke tilgang til disse tallene.' : `Kunne ikke hente tallene: ${error.message}`)}</p>`;
  };

  const pathway = () => $('.pf-pathway-select').value;
  const loadMonthly = async () => {
    const hospital = $('.pf-hospital-select').value;
    try {
      const report = await get('pathway-times/monthly', { months: 12, hospital, pathway: pathway() });
      const charts = $('.pf-charts');
      charts.innerHTML = '';
      Object.keys(INTERVALS).forEach((interval) => {
        const months = report.months.map((m) => ({
          month: m.month, statistics: m.intervals.find((s) => s.interval === interval),
        }));
        const box = document.createElement('div');
        box.className = 'pf-chart';
        box.setAttribute('data-interval', interval);
        box.innerHTML = `<h4>${escapeHtml(INTERVALS[interval])} (${months[0].statistics.standardDays} dager)</h4>`;
        box.appendChild(chart(interval, months, report.target));
        if (!compact) {
          box.insertAdjacentHTML('beforeend', monthlyTable(interval, months));
        }
        charts.appendChild(box);
      });
    } catch (error) {
      fail($('.pf-charts'), error);
    }
  };
  const loadPeriod = async () => {
    if (compact) {
      return;
    }
    const period = [$('.pf-from'), $('.pf-to')].map((input) => ({ text: input.value.trim(),
      date: parseNorwegianDate(input.value) }));
    const wrong = period.find((end) => !end.date);
    if (wrong) {
      $('.pf-period').innerHTML = `<p class="pf-error">${escapeHtml(invalidDateMessage(wrong.text, false))}</p>`;
      return;
    }
    try {
      const report = await get('pathway-times', {
        from: isoDate(period[0].date), to: isoDate(period[1].date), hospital: $('.pf-hospital-select').value,
        pathway: pathway(),
      });
      $('.pf-period').innerHTML = periodTable(report);
    } catch (error) {
      fail($('.pf-period'), error);
    }
  };
  const loadRisk = async () => {
    try {
      const items = await get('at-risk', { withinDays: $('.pf-within').value, pathway: pathway() });
      $('.pf-risk').innerHTML = atRiskTable(items, api);
    } catch (error) {
      fail($('.pf-risk'), error);
    }
  };
  const start = async () => {
    let access = { report: true, atRisk: true };
    try {
      access = await get('access');
    } catch (error) {
      // the data calls below say what is wrong
    }
    try {
      // the pathways there are, the one a referral names by default first
      const pathways = await get('pathways');
      $('.pf-pathway-select').innerHTML = pathways.map((p) => `<option value="${escapeHtml(p.pathway)}">`
        + `${escapeHtml(p.pathway)} ${escapeHtml(p.name)}</option>`).join('');
    } catch (error) {
      // without the list the data calls answer for every pathway
    }
    const showName = () => {
      const option = $('.pf-pathway-select').selectedOptions[0];
      $('.pf-pathway-name').textContent = option ? option.textContent.replace(/^\S+ /, '').toLowerCase() : '';
    };
    showName();
    $('.pf-pathway-select').addEventListener('change', () => {
      showName();
      if (access.report) {
        loadMonthly();
        loadPeriod();
      }
      if (access.atRisk) {
        loadRisk();
      }
    });
    if (access.report) {
      try {
        const hospitals = await get('hospitals');
        $('.pf-hospital-select').insertAdjacentHTML('beforeend', hospitals
          .map((h) => `<option value="${escapeHtml(h)}">${escapeHtml(h)}</option>`).join(''));
      } catch (error) {
        // the hospital list is a convenience
      }
      $('.pf-hospital-select').addEventListener('change', () => { loadMonthly(); loadPeriod(); });
      $('.pf-show').addEventListener('click', loadPeriod);
      await Promise.all([loadMonthly(), loadPeriod()]);
    } else {
      $('.pf-report-part').hidden = true;
    }
    if (access.atRisk) {
      $('.pf-risk-show').addEventListener('click', loadRisk);
      await loadRisk();
    } else {
      $('.pf-risk-part').hidden = true;
    }
  };
  start();
}

export default [
  {
    id: 'pakkeforlop-dashboard',
    pluginPoint: 'cockpit.dashboard',
    priority: 20,
    render: (node, { api }) => render(node, api, true),
  },
  {
    id: 'pakkeforlop-page',
    pluginPoint: 'cockpit.route',
    properties: { path: '/pakkeforlop' },
    render: (node, { api }) => render(node, api, false),
  },
  {
    id: 'pakkeforlop-navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 50,
    properties: { path: '/pakkeforlop' },
    render: (node) => {
      node.innerHTML = '<a href="#/pakkeforlop">Pakkeforløp</a>';
    },
  },
];
