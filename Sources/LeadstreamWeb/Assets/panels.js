// Rendering of the executive report and the leads dashboard from their JSON
// (SPEC §6, §7). Each function takes the report body and fills its section;
// it never fetches.

import { $, $$, h, raw, pct, numCell, figure, userLabel } from './util.js';

export const SOURCE_LABELS = {
  web_chat: 'Web chat (AI)', form: 'Website form', ai_receptionist: 'AI receptionist', phone: 'Phone',
  mail: 'Mail', api: 'API', chat: 'Messenger chat', other: 'Other', bulk_import: 'Bulk import', crm_ui: 'CRM UI',
};
export const STATUSES = ['unqualified', 'new', 'dispatched', 'accepted', 'rejected', 'revoked', 'converted', 'lost'];
const STATUS_LABELS = { unqualified: 'Unqualified', new: 'New', dispatched: 'Dispatched', accepted: 'Accepted',
  rejected: 'Rejected', revoked: 'Revoked', converted: 'Converted', lost: 'Lost' };
const LIST_COLS = ['lead_id', 'office', 'user', 'campaign', 'lead_type', 'source', 'status', 'status_at', 'created_at', 'created_day'];

export const sourceLabel = (s) => SOURCE_LABELS[s] || s;
const pctText = (v) => (v === null || v === undefined ? '—' : `${pct(v)} %`);

export function periodText(p) {
  if (!p) return '';
  const span = p.from === p.to ? p.from : `${p.from} – ${p.to}`;
  return `Period ${p.id} (${span}, ${p.timezone})`;
}

// ---- Executive Report ----------------------------------------------------

export function renderExecutive(sec, r, onDrill) {
  $('.period', sec).textContent = periodText(r.period) + (r.office !== null && r.office !== undefined ? ` · office ${r.office}` : '');
  figure($('#exec-total', sec), r.total_leads);
  const change = r.change_pct;
  figure($('#exec-change', sec), change,
    change === null || change === undefined ? '—' : `${change > 0 ? '+' : ''}${pctText(change)}`);
  $('#exec-prev', sec).textContent = r.previous_period
    ? `${r.previous_total_leads} in ${r.previous_period.id}` : '';
  const ai = r.ai_tools || {};
  figure($('#exec-ai-leads', sec), ai.leads);
  figure($('#exec-ai-share', sec), ai.share_pct, pctText(ai.share_pct));
  figure($('#exec-ai-converted', sec), ai.converted);
  figure($('#exec-ai-conversion', sec), ai.conversion_pct, pctText(ai.conversion_pct));
  const manual = Object.entries(r.manual_excluded || {});
  figure($('#exec-manual', sec), manual.reduce((a, [, n]) => a + n, 0));
  $('#exec-manual-detail', sec).textContent = manual.map(([s, n]) => `${sourceLabel(s)} ${n}`).join(' · ');

  $('#exec-sources tbody', sec).replaceChildren(...(r.by_source || []).map((row) => h('tr', { 'data-source': row.source },
    h('th', { scope: 'row' }, sourceLabel(row.source)),
    numCell('leads', row.leads), numCell('share_pct', row.share_pct, true),
    numCell('converted', row.converted), numCell('conversion_pct', row.conversion_pct, true),
    h('td', {}, h('button', {
      type: 'button', class: 'drill', 'data-source': row.source,
      'aria-label': `Show the ${sourceLabel(row.source)} leads in the dashboard`,
      onclick: () => onDrill(row.source),
    }, h('span', { class: 'wide' }, 'Dashboard '), '→')))));
}

export function clearExecutive(sec) {
  for (const id of ['#exec-total', '#exec-change', '#exec-ai-leads', '#exec-ai-share', '#exec-ai-converted', '#exec-ai-conversion', '#exec-manual']) {
    figure($(id, sec), null, '');
  }
  $('#exec-sources tbody', sec).replaceChildren();
}

// ---- Leads Dashboard -----------------------------------------------------

function countCells(c) {
  return [...STATUSES.map((s) => numCell(s, c[s])), numCell('total', c.total), numCell('success_ratio_pct', c.success_ratio_pct, true)];
}

function countHeads() {
  return [...STATUSES.map((s) => h('th', { scope: 'col', class: 'num' }, STATUS_LABELS[s])),
    h('th', { scope: 'col', class: 'num' }, 'Total'),
    h('th', { scope: 'col', class: 'num', title: 'Leads Success Ratio' }, 'Success %')];
}

function totalsTable(totals, caption) {
  return h('div', { class: 'scroll' }, h('table', { id: 'dash-totals', class: 'counts' },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('td', {}), countHeads())),
    h('tbody', {}, h('tr', { 'data-totals': true }, h('th', { scope: 'row' }, 'Totals'), countCells(totals)))));
}

function summaryTable(r) {
  const rows = r.rows || [];
  return h('div', { class: 'scroll' }, h('table', { id: 'dash-table', class: 'counts' },
    h('caption', {}, `Leads by status, per office and user${r.history ? ' (status history)' : ''}`),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Office'), h('th', { scope: 'col' }, 'User'), countHeads())),
    h('tbody', {}, rows.length
      ? rows.map((row) => h('tr', { 'data-office': row.office, 'data-user': row.user },
        h('th', { scope: 'row' }, row.office), h('th', { scope: 'row' }, userLabel(row.user)), countCells(row)))
      : h('tr', { class: 'empty' }, h('td', { colspan: 12 }, 'No leads in this period.'))),
    h('tfoot', {}, h('tr', { 'data-totals': true }, h('th', { scope: 'row', colspan: 2 }, 'Totals'), countCells(r.totals || {})))));
}

function leadRow(row) {
  return h('tr', { 'data-lead': row.lead_id },
    ...LIST_COLS.map((c) => (c === 'lead_id'
      ? h('th', { scope: 'row', 'data-col': c }, row[c])
      : h('td', { 'data-col': c, 'data-value': raw(row[c]) },
        c === 'user' ? userLabel(row[c]) : c === 'campaign' && row[c] === null ? '—' : raw(row[c])))));
}

function leadsTable(rows, attrs, caption) {
  return h('div', { class: 'scroll' }, h('table', { class: 'leads', ...attrs },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, LIST_COLS.map((c) => h('th', { scope: 'col' }, c.replace('_', ' '))))),
    h('tbody', {}, rows.length ? rows.map(leadRow)
      : h('tr', { class: 'empty' }, h('td', { colspan: LIST_COLS.length }, 'No leads on this page.')))));
}

function ratioText(c) {
  return `${c.total} ${c.total === 1 ? 'lead' : 'leads'} · success ${pctText(c.success_ratio_pct)}`;
}

function tree(r) {
  const offices = r.offices || [];
  return h('div', { id: 'dash-tree' },
    offices.length ? offices.map((o) => h('details', { 'data-office': o.office, 'data-key': `o/${o.office}`, open: true },
      h('summary', {}, h('strong', {}, `Office ${o.office}`), ' — ', ratioText(o)),
      h('div', { class: 'scroll' }, h('table', { class: 'counts' },
        h('caption', {}, `Users of office ${o.office}`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'User'), countHeads())),
        h('tbody', {}, (o.users || []).map((u) => h('tr', { 'data-user': u.user },
          h('th', { scope: 'row' }, userLabel(u.user)), countCells(u)))),
        h('tfoot', {}, h('tr', { 'data-office-total': o.office }, h('th', { scope: 'row' }, 'Office'), countCells(o))))),
      (o.users || []).map((u) => h('details', { class: 'leads-of', 'data-leads-user': u.user, 'data-key': `u/${o.office}/${u.user}` },
        h('summary', {}, `Leads of ${userLabel(u.user)} (${(u.leads || []).length})`),
        leadsTable(u.leads || [], {}, `Leads of ${userLabel(u.user)}, office ${o.office}`)))))
      : h('p', { class: 'empty' }, 'No leads in this period.'));
}

export function filtersText(r) {
  const f = r.filters || {};
  const parts = [];
  if (f.lead_type && f.lead_type !== 'all') parts.push(`lead type ${f.lead_type}`);
  if (f.campaign !== null && f.campaign !== undefined) parts.push(f.campaign === '' ? 'no campaign' : `campaign ${f.campaign}`);
  if (f.office !== null && f.office !== undefined) parts.push(`office ${f.office}`);
  if (f.user !== null && f.user !== undefined) parts.push(`user ${userLabel(f.user)}`);
  if (f.source) parts.push(`source ${sourceLabel(f.source)}`);
  if (r.history) parts.push('status history');
  return parts.length ? `Filters: ${parts.join(' · ')}` : 'No filters';
}

// Renders the dashboard body of any view into #dash-content.
export function renderDashboard(sec, r) {
  $('.period', sec).textContent = periodText(r.period);
  $('.filters', sec).textContent = filtersText(r);
  const box = $('#dash-content', sec);
  if (r.view === 'list') {
    const rows = r.rows || [];
    box.replaceChildren(
      leadsTable(rows, { id: 'dash-table' }, `Leads${r.history ? ' (one row per status occurrence)' : ''}`),
      totalsTable(r.totals || {}, 'Totals of every page'));
    $('.pageinfo', sec).textContent = `${rows.length} ${rows.length === 1 ? 'row' : 'rows'} on this page, ${r.totals ? r.totals.total : '?'} in all`;
  } else if (r.view === 'tree') {
    // Keep what the reader opened or closed across live re-renders.
    const was = new Map($$('#dash-tree details', box).map((d) => [d.dataset.key, d.open]));
    box.replaceChildren(tree(r), totalsTable(r.totals || {}, 'Totals'));
    for (const d of $$('#dash-tree details', box)) if (was.has(d.dataset.key)) d.open = was.get(d.dataset.key);
  } else {
    box.replaceChildren(summaryTable(r));
  }
}

// Offices, users and campaigns seen in a dashboard body, for the datalists.
export function namesIn(r) {
  const offices = new Set(), users = new Set(), campaigns = new Set();
  const lead = (l) => { if (l.campaign) campaigns.add(l.campaign); };
  for (const row of r.rows || []) { offices.add(row.office); if (row.user) users.add(row.user); lead(row); }
  for (const o of r.offices || []) {
    offices.add(o.office);
    for (const u of o.users || []) { if (u.user) users.add(u.user); (u.leads || []).forEach(lead); }
  }
  return { offices, users, campaigns };
}
