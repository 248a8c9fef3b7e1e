// Small DOM and HTTP helpers shared by the page's modules.

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

// h('td', {class: 'num', 'data-col': 'new'}, '3') → <td class="num" data-col="new">3</td>.
// Attributes that are null, undefined or false are left out; children may be
// strings, numbers, nodes, arrays of them, or null.
export function h(tag, attrs, ...children) {
  const el = tag === 'svg' || SVG_TAGS.has(tag)
    ? document.createElementNS('http://www.w3.org/2000/svg', tag)
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}
const SVG_TAGS = new Set(['path', 'g', 'text', 'title', 'circle']);

function append(el, children) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

// The raw value of a number for a data-value attribute: exact, "" for null.
export const raw = (v) => (v === null || v === undefined ? '' : String(v));

// A percentage as shown: one decimal, "—" when null.
export const pct = (v) => (v === null || v === undefined ? '—' : Number(v).toFixed(1));

// A numeric table cell with its column name and exact value.
export function numCell(col, v, isPct = false, tag = 'td') {
  return h(tag, { class: 'num', 'data-col': col, 'data-value': raw(v) }, isPct ? pct(v) : raw(v));
}

// Sets the text and data-value of a figure element.
export function figure(el, v, text) {
  el.dataset.value = raw(v);
  el.textContent = text !== undefined ? text : raw(v);
}

export const userLabel = (u) => (u === '' ? '(unassigned)' : u);

export function clock(d = new Date()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

// fetch() that never throws: {status, body, text}. status 0 means the server
// could not be reached; body is then an {error, message} object like the
// server's own errors.
export async function api(url, options = {}) {
  try {
    const res = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' }, ...options });
    const text = await res.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch { body = null; }
    if (!res.ok && (!body || typeof body !== 'object')) {
      body = { error: `http_${res.status}`, message: text.trim() || res.statusText || `HTTP ${res.status}` };
    }
    return { status: res.status, body, text };
  } catch (err) {
    return { status: 0, body: { error: 'network', message: `The server could not be reached (${err.message}).` }, text: '' };
  }
}

// The human message of an error answer.
export function errorMessage(res) {
  const b = res.body || {};
  const msg = b.message || b.reason || b.error || `HTTP ${res.status}`;
  return b.error && b.message ? `${msg} (${b.error}${b.field ? `, ${b.field}` : ''})` : msg;
}

// Every month id ("2026-11") that overlaps the dates from..to ("YYYY-MM-DD").
export function monthsBetween(from, to) {
  if (!/^\d{4}-\d{2}/.test(from || '') || !/^\d{4}-\d{2}/.test(to || '')) return [];
  let y = +from.slice(0, 4), m = +from.slice(5, 7);
  const ey = +to.slice(0, 4), em = +to.slice(5, 7);
  const out = [];
  while ((y < ey || (y === ey && m <= em)) && out.length < 200) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}
