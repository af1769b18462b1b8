// dondoc web console: small progressive enhancements (the pages work without them).
// - a sign-in link's page signs in by itself (a link preview bot runs no script, so it never uses the link);
// - a matrix cell opens the unit's report history beside the table instead of a new page;
// - a notice's progress refreshes itself while it is being sent;
// - fetches carry the CSRF token from the page's <meta name="csrf-token">.
(() => {
  var csrf = document.querySelector('meta[name="csrf-token"]')?.content || '';

  function fetchText(url, options) {
    options = options || {};
    options.headers = Object.assign({ 'x-csrf-token': csrf }, options.headers || {});
    options.credentials = 'same-origin';
    return fetch(url, options).then((response) => response.text().then((text) => ({ ok: response.ok, text: text })));
  }

  document.addEventListener('DOMContentLoaded', () => {
    var login = document.querySelector('form[data-autosubmit]');
    if (login) login.submit();

    var panel = document.getElementById('cell-panel');
    document.addEventListener('click', (event) => {
      var link = event.target.closest?.('a[data-cell]');
      if (!link || !panel || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      var url = `${link.getAttribute('href')}&fragment=1`;
      fetchText(url).then((result) => {
        panel.innerHTML = result.text; // server-rendered and escaped there
        panel.hidden = false;
        panel.focus?.();
      });
    });

    Array.prototype.forEach.call(document.querySelectorAll('[data-poll]'), (box) => {
      var every = Number(box.getAttribute('data-poll-ms')) || 2000;
      function poll() {
        fetchText(box.getAttribute('data-poll')).then((result) => {
          if (!result.ok) return;
          box.innerHTML = result.text;
          var line = box.querySelector('[data-status]');
          var status = line?.getAttribute('data-status');
          if (status === 'queued' || status === 'sending') setTimeout(poll, every);
        });
      }
      setTimeout(poll, every);
    });

    // Plan review: a changed field is saved at once (the form still works with its Save button). Inputs of a
    // table row belong to their row's form through the form="" attribute, so the change is caught on the document.
    document.addEventListener('change', (event) => {
      const form = event.target?.form;
      if (!form?.hasAttribute('data-autosave')) return;
      const body = new URLSearchParams(new FormData(form));
      body.set('autosave', '1');
      const status = form.querySelector('[data-save-status]');
      if (status) status.textContent = '…';
      fetchText(form.getAttribute('action'), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      }).then((result) => {
        if (status) status.textContent = result.ok ? '✓' : '✗';
      });
    });
  });
})();
