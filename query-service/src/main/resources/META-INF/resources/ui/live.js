// New papers matching the open search page, over the API's live stream (/papers/stream with the page's filters).
// They are announced in a banner and inserted at the top only when the reader asks, so the reader keeps their place.
(function () {
  'use strict';
  var MAX_PENDING = 50; // more than this and the banner offers a reload instead of growing
  var source = null;
  var streamUrl = null;
  var pending = [];
  var overflowed = false;

  function banner(text, reload) {
    var live = document.getElementById('live');
    var button = document.getElementById('live-show');
    if (!live || !button) { return; }
    if (!text) { live.hidden = true; return; }
    button.textContent = text;
    button.dataset.reload = reload ? 'true' : '';
    live.hidden = false;
  }

  function render() {
    if (overflowed) {
      banner('More than ' + MAX_PENDING + ' new papers — reload', true);
    } else if (pending.length > 0) {
      banner(pending.length + (pending.length === 1 ? ' new paper' : ' new papers') + ' — show', false);
    } else {
      banner(null);
    }
  }

  function shown(id) {
    var hits = document.querySelectorAll('#hits .hit');
    for (var i = 0; i < hits.length; i++) {
      if (hits[i].dataset.id === id) { return true; }
    }
    return false;
  }

  function connect() {
    var main = document.getElementById('main');
    if (!main || !window.EventSource) { return; }
    var next = main.dataset.stream;
    if (source && next === streamUrl) { render(); return; }
    if (source) { source.close(); }
    streamUrl = next;
    pending = [];
    overflowed = false;
    render();
    source = new EventSource(streamUrl);
    source.addEventListener('paper', function (event) {
      var hit = JSON.parse(event.data);
      if (shown(hit.id) || pending.indexOf(hit.id) >= 0) { return; }
      if (pending.length >= MAX_PENDING) { overflowed = true; } else { pending.push(hit.id); }
      render();
    });
    source.addEventListener('gap', function () { overflowed = true; render(); });
    source.addEventListener('error', function () {
      // The browser reconnects by itself; papers sent meanwhile are missed, so offer a reload.
      if (source.readyState !== EventSource.OPEN) { banner('Live updates were interrupted — reload', true); }
    });
  }

  function show() {
    var button = document.getElementById('live-show');
    if (button.dataset.reload) { window.location.reload(); return; }
    var ids = pending.splice(0, pending.length);
    render();
    if (ids.length === 0) { return; }
    var query = ids.map(function (id) { return 'id=' + encodeURIComponent(id); }).join('&');
    fetch('/ui/hits?' + query, { headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : ''; })
      .then(function (html) {
        var list = document.getElementById('hits');
        if (!list || !html) { return; }
        list.insertAdjacentHTML('afterbegin', html);
        var total = document.getElementById('total');
        if (total) { total.textContent = String(Number(total.textContent) + ids.length); }
      });
  }

  document.addEventListener('click', function (event) {
    if (event.target && event.target.id === 'live-show') { show(); }
  });
  document.addEventListener('DOMContentLoaded', connect);
  document.addEventListener('htmx:afterSettle', connect);
  window.addEventListener('pagehide', function () { if (source) { source.close(); source = null; } });
}());
