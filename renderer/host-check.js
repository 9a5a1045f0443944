// A temporary page (the React screens come next): it shows that the browser host serves the page
// and answers API calls made with the token from the URL's fragment.
(function () {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('tco-token', fromHash);
    history.replaceState(null, '', location.pathname);
  }
  const token = sessionStorage.getItem('tco-token');
  const status = document.getElementById('status');

  async function call(op, input) {
    const res = await fetch('/api/' + op, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
      body: JSON.stringify(input),
    });
    return res.json();
  }

  async function segments() {
    const r = await call('segments', { text: document.getElementById('text').value });
    const out = document.getElementById('segments');
    out.textContent = r.ok
      ? r.value.encoding + ': ' + r.value.segments + ' segment(s), ' + r.value.units + ' units' + (r.value.ucs2Chars.length ? '; UCS-2 because of ' + r.value.ucs2Chars.join(' ') : '')
      : r.error.message;
  }

  async function start() {
    if (!token) {
      status.textContent = 'Open the URL printed by `npm run web` (it carries the access token).';
      return;
    }
    const r = await call('workspace.recent', {});
    if (!r.ok) {
      status.textContent = 'The API refused the call: ' + r.error.message;
      return;
    }
    status.textContent = 'Connected.';
    const list = document.getElementById('recent');
    if (r.value.files.length === 0) list.innerHTML = '<li>None yet: create one with <code>npm run tco -- new FILE</code>.</li>';
    for (const f of r.value.files) {
      const li = document.createElement('li');
      li.textContent = f;
      list.appendChild(li);
    }
    document.getElementById('text').addEventListener('input', segments);
    segments();
  }
  start().catch(function (e) {
    status.textContent = 'Cannot reach the host: ' + e.message;
  });
})();
