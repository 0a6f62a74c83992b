/* sweep report / live dashboard: vanilla JS over the JSON in #sweep-data. No external code, no network
   access except, in live mode, polling this page's own server. */
(function () {
  'use strict';
  const D = JSON.parse(document.getElementById('sweep-data').textContent);
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7',
    '#9c755f', '#bab0ac', '#1f77b4', '#2ca02c'];
  const MAX_OVERLAY = 12;
  const maximize = D.goal === 'maximize';
  const ui = { sortKey: 'rank', sortDir: 1, page: 0, pageSize: 25, stateFilter: '', detail: null,
    selected: (D.defaultTrials || []).slice(0, 5), curves: D.curves || { metrics: [], trials: {} },
    curveMetricA: null, curveMetricB: null, logA: false };
  window.__sweepPolls = 0;

  // ---------- formatting ----------
  function fmt(v) {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v !== 'number') return String(v);
    if (!isFinite(v)) return isNaN(v) ? 'NaN' : (v > 0 ? 'inf' : '-inf');
    if (v === 0) return '0';
    const a = Math.abs(v);
    if (a >= 1e-3 && a < 1e5) return String(Number(v.toPrecision(4)));
    const s = v.toExponential(3).replace(/\.?0+e/, 'e').replace('e+', 'e');
    return s;
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }
  function dur(s) {
    if (s === null || s === undefined) return '—';
    s = Math.round(s);
    if (s >= 3600) return Math.floor(s / 3600) + 'h ' + String(Math.floor((s % 3600) / 60)).padStart(2, '0') + 'm';
    if (s >= 60) return Math.floor(s / 60) + 'm ' + String(s % 60).padStart(2, '0') + 's';
    return s + 's';
  }
  const col = name => D.cols.indexOf(name);

  // ---------- leaderboard ----------
  function compare(a, b, key) {
    const i = col(key);
    let x = a[i], y = b[i];
    const nx = x === null || x === undefined, ny = y === null || y === undefined;
    if (nx || ny) return nx && ny ? a[0] - b[0] : (nx ? 1 : -1); // missing values last whatever the direction
    let c = (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y));
    if (key === 'value' && maximize) c = -c; // "value ascending" means best first
    return c * ui.sortDir || a[0] - b[0];
  }
  function filteredRows() {
    const si = col('state');
    const rows = ui.stateFilter ? D.rows.filter(r => r[si] === ui.stateFilter) : D.rows.slice();
    rows.sort((a, b) => compare(a, b, ui.sortKey));
    return rows;
  }
  function renderTable() {
    const table = $('#lb');
    if (!table) return;
    const shown = D.params.concat(D.extraMetrics || []);
    const head = [['', 'sel'], ['#', 'number'], ['rank', 'rank'], ['state', 'state'], [D.metric, 'value']]
      .concat(shown.map(p => [p, p])).concat([['duration', 'duration'], ['device', 'device']]);
    const rows = filteredRows();
    const pages = Math.max(1, Math.ceil(rows.length / ui.pageSize));
    ui.page = Math.min(ui.page, pages - 1);
    const slice = rows.slice(ui.page * ui.pageSize, (ui.page + 1) * ui.pageSize);
    const bestNumber = D.bestTrial;
    let h = '<thead><tr>' + head.map(([label, key]) => {
      if (key === 'sel') return '<th title="tick to overlay the trial in the curves">plot</th>';
      const arrow = ui.sortKey === key ? '<span class="arrow">' + (ui.sortDir > 0 ? ' ▲' : ' ▼') + '</span>' : '';
      const num = key === 'state' || key === 'device' ? '' : ' num';
      return '<th class="sortable' + num + '" data-key="' + esc(key) + '">' + esc(label) + arrow + '</th>';
    }).join('') + '</tr></thead><tbody>';
    for (const r of slice) {
      const n = r[0];
      const st = r[col('state')];
      h += '<tr data-trial="' + n + '"' + (n === bestNumber ? ' class="best-row"' : '') + '>';
      h += '<td><input type="checkbox" class="sel" data-trial="' + n + '"' + (ui.selected.includes(n) ? ' checked' : '') + '></td>';
      h += '<td class="num">' + n + '</td><td class="num">' + fmt(r[col('rank')]) + '</td>';
      h += '<td><span class="state s-' + esc(st) + '">' + esc(st) + '</span></td>';
      h += '<td class="num metric-value">' + fmt(r[col('value')]) + '</td>';
      for (const p of shown) h += '<td class="num">' + esc(fmt(r[col(p)])) + '</td>';
      h += '<td class="num">' + dur(r[col('duration')]) + '</td><td>' + esc(fmt(r[col('device')])) + '</td></tr>';
    }
    if (!slice.length) h += '<tr><td colspan="' + head.length + '" class="muted">No trials' + (ui.stateFilter ? ' in state ' + esc(ui.stateFilter) : '') + '.</td></tr>';
    table.innerHTML = h + '</tbody>';
    $('#lb-pager').innerHTML = '<button data-go="0"' + (ui.page === 0 ? ' disabled' : '') + '>«</button>'
      + '<button data-go="' + (ui.page - 1) + '"' + (ui.page === 0 ? ' disabled' : '') + '>‹</button>'
      + '<span>page ' + (ui.page + 1) + ' of ' + pages + ' · ' + rows.length + ' trials</span>'
      + '<button data-go="' + (ui.page + 1) + '"' + (ui.page >= pages - 1 ? ' disabled' : '') + '>›</button>'
      + '<button data-go="' + (pages - 1) + '"' + (ui.page >= pages - 1 ? ' disabled' : '') + '>»</button>';
    renderDetail();
  }
  function renderDetail() {
    const box = $('#lb-detail');
    if (!box) return;
    const r = D.rows.find(x => x[0] === ui.detail);
    if (!r) { box.hidden = true; return; }
    box.hidden = false;
    let h = '<h3>Trial #' + r[0] + ' <span class="state s-' + esc(r[col('state')]) + '">' + esc(r[col('state')]) + '</span></h3><dl>';
    for (let i = 0; i < D.cols.length; i++) {
      if (r[i] === null || r[i] === undefined || D.cols[i] === 'number') continue;
      const v = D.cols[i] === 'duration' ? dur(r[i]) : fmt(r[i]);
      h += '<dt>' + esc(D.cols[i]) + '</dt><dd>' + esc(v) + '</dd>';
    }
    const prov = (D.provenance || {})[r[0]];
    if (prov) for (const k of Object.keys(prov)) h += '<dt>' + esc(k) + '</dt><dd>' + esc(prov[k]) + '</dd>';
    box.innerHTML = h + '</dl>';
  }
  function wireTable() {
    const table = $('#lb');
    if (!table) return;
    table.addEventListener('click', e => {
      const th = e.target.closest('th.sortable');
      if (th) {
        const key = th.dataset.key;
        ui.sortDir = ui.sortKey === key ? -ui.sortDir : 1;
        ui.sortKey = key;
        ui.page = 0;
        renderTable();
        return;
      }
      const box = e.target.closest('input.sel');
      if (box) {
        const n = Number(box.dataset.trial);
        ui.selected = box.checked ? ui.selected.concat([n]).slice(-MAX_OVERLAY) : ui.selected.filter(x => x !== n);
        syncSelection();
        return;
      }
      const tr = e.target.closest('tbody tr[data-trial]');
      if (tr) { ui.detail = Number(tr.dataset.trial); renderDetail(); }
    });
    $('#lb-pager').addEventListener('click', e => {
      const b = e.target.closest('button[data-go]');
      if (b && !b.disabled) { ui.page = Number(b.dataset.go); renderTable(); }
    });
    $('#lb-state').addEventListener('change', e => { ui.stateFilter = e.target.value; ui.page = 0; renderTable(); });
    $('#lb-size').addEventListener('change', e => { ui.pageSize = Number(e.target.value); ui.page = 0; renderTable(); });
  }

  // ---------- chart switchers (heatmap pair, comparison parameter) ----------
  function showHeatmap() {
    const x = $('#hm-x').value, y = $('#hm-y').value;
    let found = false;
    for (const d of $$('#heatmaps > div[data-x]')) {
      const on = !found && ((d.dataset.x === x && d.dataset.y === y) || (d.dataset.x === y && d.dataset.y === x));
      d.hidden = !on;
      found = found || on;
    }
    $('#hm-none').hidden = found;
  }
  function showComparison() {
    const p = $('#cmp-param').value;
    for (const d of $$('#comparisons > div[data-param]')) d.hidden = d.dataset.param !== p;
  }
  function wireSwitchers() {
    if ($('#hm-x')) { $('#hm-x').addEventListener('change', showHeatmap); $('#hm-y').addEventListener('change', showHeatmap); showHeatmap(); }
    if ($('#cmp-param')) { $('#cmp-param').addEventListener('change', showComparison); showComparison(); }
  }

  // ---------- curves ----------
  function niceStep(raw) {
    if (!(raw > 0) || !isFinite(raw)) return 1;
    const mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / mag;
    return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
  }
  function ticks(lo, hi, n) {
    const s = niceStep((hi - lo) / n), out = [];
    for (let v = Math.ceil(lo / s - 1e-9) * s; v <= hi + s * 1e-9; v += s) out.push(Number(v.toPrecision(12)));
    return out;
  }
  function lineChart(series, xLabel, yLabel, logY) {
    const W = 620, H = 280, L = 64, R = 14, T = 12, B = 44;
    const pts = series.flatMap(s => s.xs.map((x, i) => [x, s.ys[i]])).filter(p => isFinite(p[1]) && (!logY || p[1] > 0));
    if (!pts.length) return '<svg class="chart curves empty" viewBox="0 0 480 60" width="480" height="60"><text x="12" y="34" class="empty-note">No points for ' + esc(yLabel) + ' in the selected trials.</text></svg>';
    let x0 = Math.min(...pts.map(p => p[0])), x1 = Math.max(...pts.map(p => p[0]));
    let y0 = Math.min(...pts.map(p => p[1])), y1 = Math.max(...pts.map(p => p[1]));
    if (x0 === x1) { x0 -= 1; x1 += 1; }
    if (y0 === y1) { const d = Math.abs(y0) * 0.1 || 1; y0 -= d; y1 += d; }
    const tf = v => logY ? Math.log10(v) : v;
    let ty0 = tf(y0), ty1 = tf(y1);
    if (!logY) { const s = niceStep((ty1 - ty0) / 5); ty0 = Math.floor(ty0 / s) * s; ty1 = Math.ceil(ty1 / s) * s; }
    const sx = v => L + (v - x0) / (x1 - x0) * (W - L - R);
    const sy = v => H - B - (tf(v) - ty0) / (ty1 - ty0) * (H - B - T);
    let h = '<svg xmlns="http://www.w3.org/2000/svg" class="chart curves" viewBox="0 0 ' + W + ' ' + H + '" width="' + W + '" height="' + H + '" role="img" aria-label="' + esc(yLabel) + ' by step">';
    const yt = logY ? ticks(ty0, ty1, 4).filter(e => Number.isInteger(e)).map(e => Math.pow(10, e)) : ticks(ty0, ty1, 5);
    for (const v of yt) {
      const y = sy(v).toFixed(1);
      h += '<line class="grid" x1="' + L + '" x2="' + (W - R) + '" y1="' + y + '" y2="' + y + '"/><g class="tick" data-value="' + v + '"><text x="' + (L - 6) + '" y="' + (Number(y) + 4) + '" text-anchor="end">' + fmt(v) + '</text></g>';
    }
    for (const v of ticks(x0, x1, 6)) {
      const x = sx(v).toFixed(1);
      h += '<g class="tick" data-value="' + v + '"><line x1="' + x + '" x2="' + x + '" y1="' + (H - B) + '" y2="' + (H - B + 4) + '"/><text x="' + x + '" y="' + (H - B + 16) + '" text-anchor="middle">' + fmt(v) + '</text></g>';
    }
    h += '<line class="domain" x1="' + L + '" x2="' + L + '" y1="' + T + '" y2="' + (H - B) + '"/><line class="domain" x1="' + L + '" x2="' + (W - R) + '" y1="' + (H - B) + '" y2="' + (H - B) + '"/>';
    h += '<text class="axis-title" x="' + ((L + W - R) / 2) + '" y="' + (H - 8) + '" text-anchor="middle">' + esc(xLabel) + '</text>';
    h += '<text class="axis-title" x="14" y="' + ((T + H - B) / 2) + '" text-anchor="middle" transform="rotate(-90 14 ' + ((T + H - B) / 2) + ')">' + esc(yLabel) + (logY ? ' (log)' : '') + '</text>';
    for (const s of series) {
      let d = '';
      s.xs.forEach((x, i) => {
        const y = s.ys[i];
        if (!isFinite(y) || (logY && y <= 0)) return;
        d += (d ? 'L' : 'M') + sx(x).toFixed(1) + ' ' + sy(y).toFixed(1);
      });
      if (!d) continue;
      const last = s.ys[s.ys.length - 1];
      h += '<path class="curve' + (s.dashed ? ' train' : '') + '" data-trial="' + s.trial + '" data-metric="' + esc(s.metric) + '" data-points="' + s.xs.length + '" data-last="' + last + '" stroke="' + s.color + '" d="' + d + '"><title>trial #' + s.trial + ' ' + esc(s.metric) + ' (last ' + fmt(last) + ')</title></path>';
    }
    return h + '</svg>';
  }
  function curveMetrics() { return (ui.curves.metrics || []); }
  function seriesFor(metric, dashed) {
    const mi = curveMetrics().indexOf(metric);
    if (mi < 0) return [];
    const out = [];
    ui.selected.forEach((n, k) => {
      const t = ui.curves.trials[n];
      const c = t && t[mi];
      if (c) out.push({ trial: n, metric: metric, xs: c[0], ys: c[1], color: PALETTE[k % PALETTE.length], dashed: dashed });
    });
    return out;
  }
  function defaultMetrics() {
    const ms = curveMetrics();
    if (!ui.curveMetricA) ui.curveMetricA = ms.includes('val_loss') || ms.includes('train_loss') ? 'loss' : (ms[0] || '');
    if (!ui.curveMetricB) ui.curveMetricB = ms.includes(D.metric) ? D.metric : (ms.find(m => m.startsWith('val_') && !m.endsWith('loss')) || ms[0] || '');
  }
  function fillSelect(sel, values, current) {
    const html = values.map(v => '<option value="' + esc(v) + '"' + (v === current ? ' selected' : '') + '>' + esc(v === 'loss' ? 'train_loss vs val_loss' : v) + '</option>').join('');
    if (sel.innerHTML !== html) sel.innerHTML = html;
  }
  function renderCurves() {
    const a = $('#curve-a'), b = $('#curve-b');
    if (!a) return;
    defaultMetrics();
    const ms = curveMetrics();
    const optsA = (ms.includes('val_loss') || ms.includes('train_loss') ? ['loss'] : []).concat(ms);
    fillSelect($('#curve-ma'), optsA, ui.curveMetricA);
    fillSelect($('#curve-mb'), ms, ui.curveMetricB);
    let sa;
    if (ui.curveMetricA === 'loss') sa = seriesFor('train_loss', true).concat(seriesFor('val_loss', false));
    else sa = seriesFor(ui.curveMetricA, false);
    a.innerHTML = lineChart(sa, 'step', ui.curveMetricA === 'loss' ? 'loss (dashed: train, solid: val)' : ui.curveMetricA, ui.logA);
    b.innerHTML = lineChart(seriesFor(ui.curveMetricB, false), 'step', ui.curveMetricB, false);
    $('#curve-legend').innerHTML = ui.selected.length
      ? ui.selected.map((n, k) => '<span class="legend-item" data-trial="' + n + '"><span class="trial-swatch" style="background:' + PALETTE[k % PALETTE.length] + '"></span>#' + n + '</span>').join(' ')
      : '<span class="muted">No trial selected: tick trials in the leaderboard.</span>';
    const inp = $('#curve-trials');
    if (document.activeElement !== inp) inp.value = ui.selected.join(', ');
  }
  function syncSelection() {
    for (const box of $$('#lb input.sel')) box.checked = ui.selected.includes(Number(box.dataset.trial));
    if (D.mode === 'live') fetchCurves().then(renderCurves); else renderCurves();
  }
  function wireCurves() {
    if (!$('#curve-a')) return;
    $('#curve-ma').addEventListener('change', e => { ui.curveMetricA = e.target.value; renderCurves(); });
    $('#curve-mb').addEventListener('change', e => { ui.curveMetricB = e.target.value; renderCurves(); });
    $('#curve-log').addEventListener('change', e => { ui.logA = e.target.checked; renderCurves(); });
    $('#curve-trials').addEventListener('change', e => {
      ui.selected = e.target.value.split(/[\s,;]+/).map(Number).filter(n => D.rows.some(r => r[0] === n)).slice(0, MAX_OVERLAY);
      syncSelection();
    });
    $('#curve-top').addEventListener('click', () => { ui.selected = (D.defaultTrials || []).slice(0, 5); syncSelection(); });
    $('#curve-clear').addEventListener('click', () => { ui.selected = []; syncSelection(); });
  }

  // ---------- live mode ----------
  function fetchCurves() {
    if (!ui.selected.length) { ui.curves = { metrics: ui.curves.metrics || [], trials: {} }; return Promise.resolve(); }
    return fetch(D.api + '/curves?trials=' + ui.selected.join(','), { cache: 'no-store' })
      .then(r => r.json()).then(c => { ui.curves = c; });
  }
  function applyFragments(f) {
    for (const el of $$('[data-frag]')) {
      const html = f[el.dataset.frag];
      if (html !== undefined && html !== null && el.innerHTML !== html) el.innerHTML = html;
    }
    if (f.heatmapAxes && $('#hm-x')) {
      for (const id of ['#hm-x', '#hm-y']) {
        const s = $(id), cur = s.value;
        fillSelect(s, f.heatmapAxes, cur || f.heatmapAxes[0]);
      }
    }
    if (f.comparisonParams && $('#cmp-param')) fillSelect($('#cmp-param'), f.comparisonParams, $('#cmp-param').value || f.comparisonParams[0]);
    wireSwitchersAgain();
  }
  function wireSwitchersAgain() { if ($('#hm-x')) showHeatmap(); if ($('#cmp-param')) showComparison(); }
  function poll() {
    const q = D.chartsVersion ? '?charts=' + encodeURIComponent(D.chartsVersion) : '';
    return fetch(D.api + '/snapshot' + q, { cache: 'no-store' }).then(r => {
      if (!r.ok) throw new Error('HTTP ' + r.status);
      return r.json();
    }).then(s => {
      D.rows = s.rows; D.cols = s.cols; D.params = s.params; D.extraMetrics = s.extraMetrics;
      D.bestTrial = s.bestTrial; D.defaultTrials = s.defaultTrials;
      if (s.chartsVersion) D.chartsVersion = s.chartsVersion;
      if (!ui.selected.length && s.defaultTrials) ui.selected = s.defaultTrials.slice(0, 5);
      applyFragments(s.fragments || {});
      renderTable();
      return fetchCurves();
    }).then(() => {
      renderCurves();
      window.__sweepPolls++;
      const dot = $('#live-dot');
      if (dot) { dot.classList.remove('stale'); dot.title = 'updated ' + new Date().toLocaleTimeString(); }
    }).catch(err => {
      const dot = $('#live-dot');
      if (dot) { dot.classList.add('stale'); dot.title = 'last poll failed: ' + err.message; }
    });
  }

  // ---------- start ----------
  wireTable();
  wireSwitchers();
  wireCurves();
  renderTable();
  renderCurves();
  if (D.mode === 'live') {
    const loop = () => poll().finally(() => setTimeout(loop, D.pollMs || 3000));
    fetchCurves().then(renderCurves).finally(() => { window.__sweepReady = true; setTimeout(loop, D.pollMs || 3000); });
  } else {
    window.__sweepReady = true;
  }
})();
