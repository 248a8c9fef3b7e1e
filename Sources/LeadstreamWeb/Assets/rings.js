// The Sources of Leads widget: ¾-circle concentric rings drawn as inline SVG
// from the widget report's JSON (SPEC §8). Ring 0 is the outermost; each ring
// is an arc of arc_deg degrees on a 270° track that starts at 12 o'clock and
// runs clockwise, leaving the top-left quadrant for the ring labels.

import { h, raw, pct } from './util.js';

const COLORS = {
  lilac: '#b48be4', blue: '#3d82f0', yellow: '#e8b500', red: '#e5484d', green: '#2fa84f',
  grey: '#a3a8b0', gray: '#a3a8b0', orange: '#f08c00', pink: '#e6498a',
};

// A CSS colour for a colour name of the report; unknown names that CSS
// understands are used as they are, others are grey.
export function cssColor(name) {
  if (COLORS[name]) return COLORS[name];
  return typeof CSS !== 'undefined' && CSS.supports('color', name) ? name : COLORS.grey;
}

const C = 120;          // centre of the 240×240 view box
const OUTER = 114;      // outer edge of ring 0
const TRACK = 270;

function point(r, deg) {
  const a = ((deg - 90) * Math.PI) / 180;
  return [(C + r * Math.cos(a)).toFixed(3), (C + r * Math.sin(a)).toFixed(3)];
}

// The path of an arc of `deg` degrees of radius r, from 12 o'clock clockwise.
export function arcPath(r, deg) {
  const [x0, y0] = point(r, 0);
  if (!(deg > 0)) return `M ${x0} ${y0}`;
  const d = Math.min(deg, 359.99);
  const [x1, y1] = point(r, d);
  return `M ${x0} ${y0} A ${r} ${r} 0 ${d > 180 ? 1 : 0} 1 ${x1} ${y1}`;
}

// Redraws svg#rings for the report's rings.
export function drawRings(svg, rings) {
  for (const el of Array.from(svg.childNodes)) if (el.nodeName !== 'title') el.remove();
  const n = Math.max(rings.length, 1);
  const gap = 4;
  const width = Math.max(6, Math.min(18, (OUTER - 18) / n - gap));
  rings.forEach((ring, i) => {
    const r = OUTER - width / 2 - i * (width + gap);
    const color = cssColor(ring.color);
    svg.append(
      h('path', { class: 'track', d: arcPath(r, TRACK), 'stroke-width': width, fill: 'none', 'aria-hidden': 'true' }),
      h('path', {
        d: arcPath(r, ring.arc_deg), stroke: color, 'stroke-width': width, fill: 'none',
        'stroke-linecap': ring.arc_deg > 0 ? 'round' : 'butt',
        'data-source': ring.source, 'data-count': raw(ring.count), 'data-ring': raw(ring.ring),
        'data-arc': raw(ring.arc_deg), 'data-color': ring.color,
      }, h('title', {}, `${ring.label}: ${ring.count} (${pct(ring.share_pct)} % of the largest)`)),
      h('text', { x: C - 8, y: (C - r + 3.5).toFixed(2), 'text-anchor': 'end', class: 'ring-label', 'aria-hidden': 'true' },
        `${ring.label} ${ring.count}`),
    );
  });
}

// Fills ul#widget-legend: all five sources, inactive ones grey, the count
// beside the active ones.
export function drawLegend(ul, legend, rings) {
  const counts = new Map(rings.map((r) => [r.source, r.count]));
  ul.replaceChildren(...legend.map((item) => {
    const count = counts.get(item.source) ?? 0;
    return h('li', { 'data-source': item.source, 'data-active': item.active ? 'true' : 'false', class: item.active ? '' : 'inactive' },
      h('span', { class: 'swatch', style: `background:${cssColor(item.active ? item.color : 'grey')}`, 'aria-hidden': 'true' }),
      h('span', { class: 'name' }, item.label),
      item.active
        ? h('span', { class: 'count', 'data-value': raw(count) }, count)
        : h('span', { class: 'count off' }, 'inactive'));
  }));
}
