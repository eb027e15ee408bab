// Refresh the page when a post changes, unless the person is typing: then refresh after they leave the field.
(() => {
  let stale = false;
  const typing = () => document.activeElement && ['TEXTAREA', 'INPUT', 'SELECT'].includes(document.activeElement.tagName);
  const refresh = () => { if (typing()) { stale = true; } else { location.reload(); } };
  document.addEventListener('focusout', () => { if (stale) { setTimeout(() => { if (!typing()) location.reload(); }, 300); } });
  if (window.EventSource) {
    new EventSource('/console/events').onmessage = refresh;
  }
})();

// Choosing a library answer in a draft fills the reply with it, personalised for this post and
// person; the answer's id and version go with the draft so the library can check it was not changed.
document.addEventListener('change', async (event) => {
  const select = event.target;
  if (!(select instanceof HTMLSelectElement) || select.name !== 'answerId' || !select.form) return;
  const form = select.form;
  const article = select.closest('article[data-post-id]');
  const text = form.querySelector('textarea[name="text"]');
  let version = form.querySelector('input[name="answerVersion"]');
  if (!version) {
    version = document.createElement('input');
    version.type = 'hidden';
    version.name = 'answerVersion';
    form.appendChild(version);
  }
  let note = form.querySelector('.answer-note');
  if (!note) {
    note = document.createElement('p');
    note.className = 'answer-note';
    note.setAttribute('role', 'status');
    select.insertAdjacentElement('afterend', note);
  }
  version.value = '';
  note.textContent = '';
  if (!select.value || !article || !text) return;
  const response = await fetch(`/console/posts/${encodeURIComponent(article.dataset.postId)}/answers/${encodeURIComponent(select.value)}`,
    { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  if (!response.ok) {
    note.textContent = 'That answer could not be loaded; write the reply yourself.';
    return;
  }
  const answer = await response.json();
  text.value = answer.draft;
  version.value = String(answer.version);
  note.textContent = answer.message || 'Send it as it is and it needs no second approval if legal approved it; any edit goes through approval.';
});
