// leadstream dashboard page: sign-in, the selection (kept in the URL), the
// three panels and their live updates. Contract: docs/web.md.
//
// Live updates. The stream's SSE events are named by topic
// (`exec/acme/2026-W47`), and EventSource delivers a named event only to a
// listener registered for that exact name, so the page registers one shared
// listener for every topic it cares about:
//   - a panel that is exactly a topic (an executive report of a week or month
//     without an office filter, the dashboard summary of a week or month
//     without filters or history, the widget) listens to that topic and
//     renders the message itself;
//   - any other panel (filters, days, ranges, quarters, years, list, tree,
//     history) listens to the `exec/` and `dash/` topics of every month its
//     period overlaps: any change to a lead created in the period republishes
//     one of them. Such a message makes the panel fetch again, at most twice
//     a second.
// A message whose sequence is not newer than what a panel shows is ignored.
// Listeners for new topics are added while the stream is still connecting
// (its snapshot then includes them); once it is open the stream is reopened
// with `last_event_id` = the oldest sequence shown, so nothing is missed.
// As a fallback for anything else (a relative period rolling over at
// midnight, a lost stream), every panel is fetched again every 30 s and
// re-rendered only when the answer changed.

import { $, h, api, errorMessage, clock, monthsBetween, raw, figure } from './util.js';
import { renderExecutive, clearExecutive, renderDashboard, namesIn } from './panels.js';
import { drawRings, drawLegend } from './rings.js';

const PRESETS = ['today', 'yesterday', 'this_week', 'last_week', 'this_month', 'last_month',
  'this_quarter', 'last_quarter', 'this_year', 'last_year'];
const WIDGET_RELATIVE = new Set(['today', 'yesterday', 'this_week', 'last_week', 'this_month', 'last_month']);
const PERIOD_RE = /^(\d{4}(-(\d{2}(-\d{2})?|W\d{2}|Q[1-4]))?|\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2})$/;
const VIEWS = ['summary', 'list', 'tree'];
const LEAD_TYPES = ['all', 'advisor', 'business', 'contact'];
const PAGE_LIMIT = 50;
const FALLBACK_MS = 30000;
const THROTTLE_MS = 500;

let session = null;   // the body of GET /v1/session
let state = null;     // the selection, always the one in the URL
let fallbackTimer = null;
const seen = { offices: new Set(), users: new Set(), campaigns: new Set() };

const role = () => (session && session.mode === 'tokens' ? session.viewer.role : 'open');
const accounts = () => ((session && session.accounts) || []).map((a) => (typeof a === 'string' ? a : a.account || a.id));

// ---- The URL is the state ------------------------------------------------

function readUrl() {
  const q = new URLSearchParams(location.search);
  const get = (k) => (q.has(k) ? q.get(k) : null);
  return {
    account: get('account') || '',
    period: get('period') || 'this_month',
    lead_type: LEAD_TYPES.includes(get('lead_type')) ? get('lead_type') : 'all',
    campaign: get('campaign'),          // "" selects leads without a campaign
    office: get('office') || null,
    user: get('user'),                  // "" selects unassigned leads
    source: get('source') || null,
    history: get('history') === 'true',
    view: VIEWS.includes(get('view')) ? get('view') : 'summary',
    limit: /^\d+$/.test(get('limit') || '') ? Number(get('limit')) : null,
    cursor: get('cursor') || null,
  };
}

// The viewer's scope fixes some of the selection: the account of a token,
// a coordinator's office, an advisor's office and user (the server uses the
// viewer's own when they are omitted).
function constrain(s) {
  if (session.mode === 'tokens') {
    s.account = session.viewer.account;
    if (role() === 'coordinator' || role() === 'advisor') s.office = null;
    if (role() === 'advisor') s.user = null;
  } else if (!s.account) {
    s.account = accounts()[0] || '';
  }
  if (s.view !== 'list') { s.cursor = null; s.limit = null; }
  return s;
}

function urlOf(s) {
  const q = new URLSearchParams();
  if (s.account) q.set('account', s.account);
  if (s.period !== 'this_month') q.set('period', s.period);
  if (s.lead_type !== 'all') q.set('lead_type', s.lead_type);
  for (const k of ['campaign', 'office', 'user', 'source']) if (s[k] !== null) q.set(k, s[k]);
  if (s.history) q.set('history', 'true');
  if (s.view !== 'summary') q.set('view', s.view);
  if (s.limit !== null) q.set('limit', s.limit);
  if (s.cursor) q.set('cursor', s.cursor);
  const t = q.toString();
  return t ? `/?${t}` : '/';
}

function navigate(s, replace = false) {
  state = constrain(s);
  const url = urlOf(state);
  if (url !== location.pathname + location.search) history[replace ? 'replaceState' : 'pushState'](null, '', url);
  render();
}

window.addEventListener('popstate', () => { if (session) navigate(readUrl(), true); });
// A page left for another one (or kept in the back/forward cache) gives its
// stream back: browsers allow only six connections per host over HTTP/1.1.
window.addEventListener('pagehide', () => closeStream());
window.addEventListener('pageshow', (e) => { if (e.persisted && session && state) { ensureTopics(); fallback(); } });

function render() {
  syncControls(state);
  for (const p of Object.values(panels)) load(p);
}

// ---- Controls ------------------------------------------------------------

const textOf = (v, none) => (v === null ? '' : v === '' ? none : v);
function textFilter(v, none) {
  v = v.trim();
  return v === none ? '' : v === '' ? null : v;
}

function syncControls(s) {
  const acc = $('#account');
  if (s.account && !Array.from(acc.options).some((o) => o.value === s.account)) acc.append(h('option', { value: s.account }, s.account));
  acc.value = s.account;
  acc.disabled = session.mode === 'tokens' || acc.options.length < 2;
  const preset = PRESETS.includes(s.period);
  $('#period-preset').value = preset ? s.period : 'custom';
  $('#period-custom-box').hidden = preset;
  $('#period-custom').value = preset ? '' : s.period;
  const range = /^(\d{4}-\d{2}-\d{2})(?:\.\.(\d{4}-\d{2}-\d{2}))?$/.exec(s.period) || [];
  $('#period-from').value = range[1] || '';
  $('#period-to').value = range[2] || '';
  periodHint(true);
  $('#lead_type').value = s.lead_type;
  $('#campaign').value = textOf(s.campaign, '(none)');
  const v = session.mode === 'tokens' ? session.viewer : {};
  const fixedOffice = role() === 'coordinator' || role() === 'advisor';
  $('#office').value = fixedOffice ? v.office || '' : s.office || '';
  $('#office').disabled = fixedOffice;
  $('#user').value = role() === 'advisor' ? v.user || '' : textOf(s.user, '(unassigned)');
  $('#user').disabled = role() === 'advisor';
  $('#source').value = s.source || '';
  $('#history').checked = s.history;
  $('#view').value = s.view;
}

function readControls() {
  const s = { ...state, cursor: null };
  const account = $('#account').value;
  if (account !== s.account) Object.assign(s, { account, campaign: null, office: null, user: null });
  const preset = $('#period-preset').value;
  if (preset !== 'custom') s.period = preset;
  else if ($('#period-custom').value.trim()) s.period = $('#period-custom').value.trim();
  s.lead_type = $('#lead_type').value;
  s.campaign = textFilter($('#campaign').value, '(none)');
  if (!$('#office').disabled && account === state.account) s.office = $('#office').value.trim() || null;
  if (!$('#user').disabled && account === state.account) s.user = textFilter($('#user').value, '(unassigned)');
  s.source = $('#source').value || null;
  s.history = $('#history').checked;
  s.view = $('#view').value;
  return s;
}

function periodHint(ok, text) {
  const hint = $('#period-hint');
  hint.classList.toggle('bad', !ok);
  $('#period-custom').setAttribute('aria-invalid', ok ? 'false' : 'true');
  hint.textContent = text || 'A day 2026-11-20, week 2026-W47, month 2026-11, quarter 2026-Q4, year 2026 or range 2026-11-01..2026-11-15';
}

function onControl(e) {
  const t = e.target;
  if (t.id === 'period-preset' && t.value === 'custom') {
    $('#period-custom-box').hidden = false;
    const shown = Object.values(panels).map((p) => p.period).find(Boolean);
    if (!$('#period-custom').value && shown) $('#period-custom').value = shown.id;
    $('#period-custom').focus();
    return;
  }
  if (t.id === 'period-from' || t.id === 'period-to') {
    const from = $('#period-from').value, to = $('#period-to').value;
    if (!from) return;
    $('#period-custom').value = to && to !== from ? `${from}..${to}` : from;
  }
  const periodInput = ['period-custom', 'period-from', 'period-to'].includes(t.id);
  const p = $('#period-preset').value === 'custom' ? $('#period-custom').value.trim() : '';
  if (periodInput && !p) return;
  if (p) {
    if (!PERIOD_RE.test(p) && !PRESETS.includes(p)) { periodHint(false, `“${p}” is not a period. Use a day 2026-11-20, week 2026-W47, month 2026-11, quarter 2026-Q4, year 2026 or range 2026-11-01..2026-11-15.`); return; }
    const r = /^(.*)\.\.(.*)$/.exec(p);
    if (r && r[2] < r[1]) { periodHint(false, 'The range ends before it starts.'); return; }
  }
  navigate(readControls());
}

// ---- Panels --------------------------------------------------------------

const panels = {};

function panel(name, def) {
  panels[name] = { name, sec: $(`#${name}`), key: undefined, text: null, seq: -1, topic: null,
    watch: new Set(), period: null, req: 0, last: 0, timer: null, ...def };
}

function show(p, what, text) {
  const err = $('.error', p.sec), note = $('.notice', p.sec);
  err.hidden = what !== 'error';
  $('.body', p.sec).hidden = what !== 'body';
  note.hidden = what !== 'notice';
  if (what === 'error') err.textContent = text;
  if (what === 'notice') note.textContent = text;
}

function setAsOf(p, seq) {
  const el = $('.as-of', p.sec);
  el.dataset.seq = seq === null || seq < 0 ? '' : String(seq);
  el.textContent = el.dataset.seq ? `as of #${seq}, received ${clock()}` : '';
}

function failText(status, body) {
  const res = { status, body };
  if (status === 403) return `You are not allowed to see this: ${errorMessage(res)}`;
  if (status === 503) return `The server did not answer in time; trying again shortly. ${errorMessage(res)}`;
  if (status === 0) return errorMessage(res);
  return `Error: ${errorMessage(res)}`;
}

const isCycle = (id) => /^\d{4}-(\d{2}|W\d{2})$/.test(id || '');
const unfiltered = (s) => s.lead_type === 'all' && !s.history && s.view === 'summary'
  && ['campaign', 'office', 'user', 'source'].every((k) => s[k] === null);

function watchOf(period) {
  const out = new Set();
  if (!period || !state.account) return out;
  for (const m of monthsBetween(period.from, period.to)) {
    if (role() !== 'advisor') out.add(`exec/${state.account}/${m}`);
    out.add(`dash/${state.account}/${m}`);
  }
  return out;
}

panel('executive', {
  request(s) {
    if (!s.account) return { notice: 'No account has data yet.' };
    if (role() === 'advisor') return { notice: 'The executive report is not available for advisors.' };
    const q = new URLSearchParams({ account: s.account, period: s.period });
    if (s.office !== null) q.set('office', s.office);
    return { url: `/v1/reports/executive?${q}` };
  },
  topicOf: (s, b) => (isCycle(b.period.id) && s.office === null ? `exec/${s.account}/${b.period.id}` : null),
  render(b) { renderExecutive(this.sec, b, drill); show(this, 'body'); },
  fail(status, b) { clearExecutive(this.sec); show(this, 'error', failText(status, b)); },
  notice(rq) { clearExecutive(this.sec); show(this, 'notice', rq.notice); },
});

function dashParams(s) {
  const q = new URLSearchParams({ account: s.account, period: s.period });
  if (s.lead_type !== 'all') q.set('lead_type', s.lead_type);
  for (const k of ['campaign', 'office', 'user', 'source']) if (s[k] !== null) q.set(k, s[k]);
  if (s.history) q.set('history', 'true');
  if (s.view !== 'summary') q.set('view', s.view);
  return q;
}

panel('dashboard', {
  request(s) {
    if (!s.account) return { notice: 'No account has data yet.' };
    const q = dashParams(s);
    if (s.view === 'list') {
      q.set('limit', s.limit || PAGE_LIMIT);
      if (s.cursor) q.set('cursor', s.cursor);
    }
    return { url: `/v1/reports/dashboard?${q}` };
  },
  topicOf: (s, b) => (isCycle(b.period.id) && unfiltered(s) ? `dash/${s.account}/${b.period.id}` : null),
  render(b) {
    renderDashboard(this.sec, b);
    const list = b.view === 'list';
    $('.pager', this.sec).hidden = !list;
    if (list) {
      this.next = b.next_cursor;
      $('#dash-next').disabled = !b.next_cursor;
      $('#dash-first').disabled = !state.cursor;
      const q = dashParams(state);
      q.set('limit', state.limit || PAGE_LIMIT);
      if (state.cursor) q.set('cursor', state.cursor);
      q.set('format', 'csv');
      $('#csv-page').href = `/v1/reports/dashboard?${q}`;
      const all = dashParams(state);
      all.set('format', 'csv');
      all.set('all', 'true');
      $('#csv-all').href = `/v1/reports/dashboard?${all}`;
    }
    const names = namesIn(b);
    for (const k of ['offices', 'users', 'campaigns']) names[k].forEach((n) => seen[k].add(n));
    fillList('#office-list', seen.offices, []);
    fillList('#user-list', seen.users, ['(unassigned)']);
    fillList('#campaign-list', seen.campaigns, ['(none)']);
    show(this, 'body');
  },
  fail(status, b) { $('#dash-content').replaceChildren(); show(this, 'error', failText(status, b)); },
  notice(rq) { show(this, 'notice', rq.notice); },
});

function fillList(sel, names, extra) {
  $(sel).replaceChildren(...[...extra, ...[...names].sort()].map((n) => h('option', { value: n })));
}

const WIDGET_REASONS = {
  unqualified_disabled: 'The Unqualified section is disabled for this account: enable it in the account settings to see this widget.',
  no_rights: 'You do not have the right to see unqualified leads: ask an administrator for it.',
};

panel('widget', {
  request(s) {
    if (!s.account) return { notice: 'No account has data yet.', reason: 'no_account' };
    if (!(WIDGET_RELATIVE.has(s.period) || /^\d{4}-(\d{2}(-\d{2})?|W\d{2})$/.test(s.period))) {
      return { notice: 'The widget shows a day, a week or a month.', reason: 'unsupported_period' };
    }
    return { url: `/v1/reports/widget?${new URLSearchParams({ account: s.account, period: s.period })}` };
  },
  topicOf: (s, b) => `widget/${s.account}/${b.period.id}`,
  message(text, reason) {
    const m = $('#widget-message');
    m.textContent = text || '';
    m.dataset.reason = reason || '';
    m.hidden = !text;
  },
  render(b) {
    const rings = b.rings || [];
    $('.period', this.sec).textContent = b.period ? `Period ${b.period.id} (${b.period.from === b.period.to ? b.period.from : `${b.period.from} – ${b.period.to}`})` : '';
    drawRings($('#rings'), rings);
    $('#rings').setAttribute('aria-label', rings.length ? `Unqualified leads by source: ${rings.map((r) => `${r.label} ${r.count}`).join(', ')}` : 'No unqualified leads');
    drawLegend($('#widget-legend'), b.legend || [], rings);
    figure($('#widget-total'), b.total, `Total ${b.total} · largest source ${b.max}`);
    $('#widget-total').dataset.max = raw(b.max);
    show(this, 'body');
    $('#rings').style.display = b.state === 'empty' ? 'none' : '';
    this.message(b.state === 'empty' ? 'No unqualified leads in this period.' : '', b.state === 'empty' ? 'empty' : '');
  },
  fail(status, b) {
    if (status === 409 && b && b.error === 'widget_unavailable') {
      show(this, 'none');
      this.message(WIDGET_REASONS[b.reason] || `The widget is unavailable (${b.reason}).`, b.reason || 'unavailable');
    } else {
      this.message('', '');
      show(this, 'error', failText(status, b));
    }
  },
  notice(rq) { show(this, 'none'); this.message(rq.notice, rq.reason); },
});

// Fetches a panel's report, unless its request is the one already shown
// (force: fetch again anyway, and re-render only if the answer changed).
async function load(p, force = false) {
  const rq = p.request(state);
  const key = rq.url || `notice:${rq.notice}`;
  if (!force && key === p.key) return;
  const changed = key !== p.key;
  p.key = key;
  if (!rq.url) {
    p.req++;
    Object.assign(p, { seq: -1, text: null, topic: null, watch: new Set(), period: null });
    setAsOf(p, null);
    p.notice(rq);
    return;
  }
  const id = ++p.req;
  p.last = Date.now();
  if (changed) p.sec.setAttribute('aria-busy', 'true');
  const res = await api(rq.url);
  if (id !== p.req) return;                       // a newer request is on its way
  p.sec.removeAttribute('aria-busy');
  if (res.status === 401 && session && session.mode === 'tokens') { signedOut(); return; }
  if (!changed && res.text === p.text) return;    // nothing new
  const seq = res.status === 200 && res.body && res.body.as_of ? res.body.as_of.seq : null;
  if (!changed && seq !== null && seq < p.seq) return;   // a live message already showed newer figures
  p.text = res.text;
  apply(p, res.status, res.body);
  if (res.status === 503) setTimeout(() => { if (p.req === id) load(p, true); }, 5000);
}

// Shows a report body (from a fetch or a live message) or an error.
function apply(p, status, b) {
  if (status === 200 && b && !b.error) {
    p.render(b);
    p.period = b.period || null;
    p.topic = b.period ? p.topicOf(state, b) : null;
    p.watch = p.topic ? new Set() : watchOf(p.period);
  } else {
    p.fail(status, b || {});
    // The widget of a known period still follows its topic, so it comes back
    // when the Unqualified section is enabled again.
    const known = Object.values(panels).map((q) => q.period).find(Boolean);
    p.topic = p.name === 'widget' && status === 409 && known ? `widget/${state.account}/${known.id}` : null;
    p.watch = new Set();
  }
  p.seq = b && b.as_of ? b.as_of.seq : b && typeof b.version === 'number' ? b.version : -1;
  setAsOf(p, p.seq);
  ensureTopics();
}

function resetPanels() {
  for (const p of Object.values(panels)) {
    clearTimeout(p.timer);
    Object.assign(p, { key: undefined, text: null, seq: -1, topic: null, watch: new Set(), period: null, timer: null });
    p.req++;
  }
}

function drill(source) {
  navigate({ ...state, source, cursor: null });
  $('#dashboard').scrollIntoView({ block: 'start' });
  $('#dashboard-h').focus({ preventScroll: true });
}

// ---- Live stream ---------------------------------------------------------

let es = null, esAccount = null, esTopics = new Set(), retryMs = 1000, retryTimer = null, ensureTimer = null;

function setLive(s, text) {
  const el = $('#live-status');
  el.dataset.state = s;
  $('.label', el).textContent = text || { connecting: 'Live: connecting…', live: 'Live', offline: 'Live: offline' }[s];
}

function wanted() {
  const out = new Set();
  for (const p of Object.values(panels)) {
    if (p.topic) out.add(p.topic);
    p.watch.forEach((t) => out.add(t));
  }
  return out;
}

function minSeq() {
  const seqs = Object.values(panels).map((p) => p.seq).filter((n) => n >= 0);
  return seqs.length ? Math.min(...seqs) : null;
}

function ensureTopics() {
  clearTimeout(ensureTimer);
  ensureTimer = setTimeout(() => {
    if (!state || !state.account) return closeStream();
    if (!es || esAccount !== state.account) return openStream(null);
    const missing = [...wanted()].filter((t) => !esTopics.has(t));
    if (!missing.length) return;
    if (es.readyState === EventSource.CONNECTING) {
      missing.forEach((t) => { esTopics.add(t); es.addEventListener(t, onTopic); });
    } else {
      openStream(minSeq());
    }
  }, 30);
}

function openStream(lastId) {
  closeStream();
  esAccount = state.account;
  esTopics = wanted();
  const q = new URLSearchParams({ account: esAccount });
  if (lastId !== null) q.set('last_event_id', lastId);
  const src = new EventSource(`/v1/live?${q}`);
  es = src;
  esTopics.forEach((t) => src.addEventListener(t, onTopic));
  setLive('connecting');
  src.onopen = () => { if (es === src) { setLive('live'); retryMs = 1000; } };
  src.onerror = () => {
    if (es !== src) return;
    if (src.readyState === EventSource.CLOSED) { setLive('offline'); retryLater(); } else setLive('offline', 'Live: reconnecting…');
  };
}

function closeStream() {
  clearTimeout(retryTimer);
  if (es) es.close();
  es = null;
  esAccount = null;
  setLive('offline');
}

// The browser gave up on the stream (an error answer): a lost session shows
// the sign-in form, anything else is retried with a growing delay.
function retryLater() {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(async () => {
    const res = await api('/v1/session');
    if (res.status === 401) { signedOut(); return; }
    if (state && state.account) openStream(minSeq());
  }, retryMs);
  retryMs = Math.min(retryMs * 2, 30000);
}

function onTopic(ev) {
  let msg;
  try { msg = JSON.parse(ev.data); } catch { return; }
  if (!msg || typeof msg !== 'object') return;
  const topic = msg.topic || ev.type;
  const seq = msg.as_of ? msg.as_of.seq : typeof msg.version === 'number' ? msg.version : Number(ev.lastEventId);
  for (const p of Object.values(panels)) {
    if (p.topic === topic) {
      if (seq > p.seq) { p.text = null; apply(p, msg.error ? 409 : 200, msg); }
    } else if (p.watch.has(topic) && seq > p.seq && !p.timer) {
      p.timer = setTimeout(() => { p.timer = null; load(p, true); }, Math.max(0, p.last + THROTTLE_MS - Date.now()));
    }
  }
}

async function fallback() {
  if (!session) return;
  if (session.mode === 'open' && !accounts().length) {
    const res = await api('/v1/session');
    if (res.status === 200 && res.body && (res.body.accounts || []).length) start(res.body);
    return;
  }
  for (const p of Object.values(panels)) load(p, true);
}

// ---- Session -------------------------------------------------------------

function describe(s) {
  if (s.mode !== 'tokens') return 'Open access: no sign-in';
  const v = s.viewer;
  return [`Signed in: ${v.role}`, `account ${v.account}`, v.office ? `office ${v.office}` : null,
    v.user ? `user ${v.user}` : null, v.unqualified ? null : 'no unqualified right'].filter(Boolean).join(' · ');
}

function start(s) {
  session = s;
  resetPanels();
  $('#signin').hidden = true;
  $('#main').hidden = false;
  setStatus('');
  $('#who').textContent = describe(s);
  $('#signout').hidden = s.mode !== 'tokens';
  const names = s.mode === 'tokens' ? [s.viewer.account] : accounts();
  $('#account').replaceChildren(...(names.length ? names.map((a) => h('option', { value: a }, a))
    : [h('option', { value: '' }, '(no accounts yet)')]));
  navigate(readUrl(), true);
  clearInterval(fallbackTimer);
  fallbackTimer = setInterval(fallback, FALLBACK_MS);
}

function showSignin(message) {
  session = null;
  clearInterval(fallbackTimer);
  closeStream();
  resetPanels();
  $('#main').hidden = true;
  $('#signin').hidden = false;
  $('#who').textContent = '';
  $('#signout').hidden = true;
  setStatus(message || 'Sign in with your viewer token.');
  $('#token').focus();
}

function setStatus(text) {
  const el = $('#status');
  el.textContent = text;
  el.hidden = !text;
}

function signedOut() { showSignin('Your session has ended: sign in again.'); }

async function signIn(e) {
  e.preventDefault();
  const err = $('#signin-error');
  const token = $('#token').value.trim();
  err.hidden = true;
  if (!token) { err.textContent = 'Enter a viewer token.'; err.hidden = false; return; }
  const button = $('#signin button');
  button.disabled = true;
  const res = await api('/v1/session', {
    method: 'POST', body: JSON.stringify({ token }),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
  });
  button.disabled = false;
  if (res.status === 200 && res.body && res.body.mode) {
    $('#token').value = '';
    start(res.body);
    return;
  }
  const b = res.body || {};
  err.textContent = b.message || (res.status === 401 ? 'This token is unknown, expired or revoked.'
    : res.status === 403 ? 'This is not a viewer token.' : errorMessage(res));
  err.hidden = false;
  $('#token').select();
}

async function signOut() {
  await api('/v1/session', { method: 'DELETE' });
  location.reload();
}

async function boot() {
  $('#signin').addEventListener('submit', signIn);
  $('#signout').addEventListener('click', signOut);
  $('#controls').addEventListener('change', onControl);
  $('#controls').addEventListener('submit', (e) => { e.preventDefault(); onControl({ target: document.activeElement || e.target }); });
  $('#dash-next').addEventListener('click', () => { if (panels.dashboard.next) navigate({ ...state, cursor: panels.dashboard.next }); });
  $('#dash-first').addEventListener('click', () => navigate({ ...state, cursor: null }));
  for (;;) {
    const res = await api('/v1/session');
    if (res.status === 200 && res.body && res.body.mode) { start(res.body); return; }
    if (res.status === 401) { showSignin(); return; }
    setStatus(`The server did not answer: ${errorMessage(res)}. Trying again in 5 s…`);
    await new Promise((r) => setTimeout(r, 5000));
  }
}

boot();
