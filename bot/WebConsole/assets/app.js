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
