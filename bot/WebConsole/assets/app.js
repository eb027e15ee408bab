// The console's own script: cards refresh in place when someone else acts, clicks are posted
// without leaving the page, replies are saved and checked as they are typed, SLA clocks count
// down, and keys move between posts. Every page works without it; it never throws away what
// someone typed: a card whose box holds unsaved words is refreshed only after they leave it,
// and the words are carried into the fresh card.
(() => {
  'use strict';
  const fragmentHeaders = { 'X-Console-Fragment': '1' };
  const onPostPage = () => document.querySelector('[data-page="post"]') !== null;

  // The one notice at the top of the page, as the server renders it after a redirect.
  function notice(text) {
    if (!text) return;
    const main = document.querySelector('main');
    let p = main && main.querySelector(':scope > p.notice');
    if (!p && main) {
      p = document.createElement('p');
      p.className = 'notice';
      p.setAttribute('role', 'status');
      main.prepend(p);
    }
    if (p) p.textContent = text;
  }

  // Words typed into a card that its fresh copy must keep: every field whose value differs from how it was rendered.
  function typed(slot) {
    const values = [];
    slot.querySelectorAll('textarea, input:not([type=hidden]):not([type=checkbox]), select').forEach((field) => {
      const changed = field instanceof HTMLSelectElement
        ? [...field.options].some((o) => o.selected !== o.defaultSelected)
        : field.value !== field.defaultValue;
      const form = field.closest('form');
      if (changed && form) values.push({ action: form.className, name: field.name, value: field.value });
    });
    return values;
  }

  function busy(slot) {
    return slot.contains(document.activeElement) || typed(slot).some((v) => v.name === 'text' || v.name === 'comment');
  }

  function swap(slot, html) {
    const template = document.createElement('template');
    template.innerHTML = html.trim();
    const fresh = template.content.querySelector('.card-slot');
    if (!fresh) return null;
    for (const value of typed(slot)) {
      const form = [...fresh.querySelectorAll('form')].find((f) => f.className === value.action);
      const field = form && form.elements.namedItem(value.name);
      if (field && 'value' in field && value.name !== 'answerId') field.value = value.value;
    }
    slot.replaceWith(fresh);
    wire(fresh);
    return fresh;
  }

  // Nothing typed or chosen on the card, and no field of it in use.
  function untouched(slot) {
    return !slot.contains(document.activeElement) && typed(slot).length === 0;
  }

  async function refresh(slot, onlyIfUntouched = false) {
    const id = slot.dataset.postId;
    const url = `/console/posts/${encodeURIComponent(id)}/card?returnTo=${encodeURIComponent(location.pathname + location.search)}${onPostPage() ? '&page=post' : ''}`;
    const response = await fetch(url, { headers: fragmentHeaders, credentials: 'same-origin' });
    if (!response.ok) return;
    const html = await response.text();
    // Someone may have started on the card while it was fetched (an answer chosen fills the reply and its version).
    if (onlyIfUntouched && !untouched(slot)) return;
    swap(slot, html);
  }

  // Someone else acted on a post: refresh its card now, or once the person leaves it.
  function changed(postId) {
    const slots = [...document.querySelectorAll('.card-slot')].filter((s) => s.dataset.postId === postId);
    if (slots.length === 0 && !onPostPage()) {
      announceNew();
      return;
    }
    for (const slot of slots) {
      if (busy(slot)) {
        slot.dataset.stale = '1';
        let note = slot.querySelector('.stale-note');
        if (!note) {
          note = document.createElement('p');
          note.className = 'stale-note';
          note.setAttribute('role', 'status');
          note.textContent = 'Someone else changed this post. It is refreshed when you leave this card; what you typed stays.';
          slot.prepend(note);
        }
      } else if (onPostPage()) {
        location.reload();
      } else {
        refresh(slot);
      }
    }
  }

  function announceNew() {
    if (document.querySelector('.new-posts')) return;
    const section = document.querySelector('section.posts');
    if (!section) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'new-posts';
    button.textContent = 'New or changed posts: show them';
    button.addEventListener('click', () => location.reload());
    section.prepend(button);
  }

  document.addEventListener('focusout', () => {
    setTimeout(() => {
      document.querySelectorAll('.card-slot[data-stale="1"]').forEach((slot) => {
        if (!slot.contains(document.activeElement)) {
          delete slot.dataset.stale;
          if (onPostPage() && typed(slot).length === 0) location.reload(); else refresh(slot);
        }
      });
    }, 300);
  });

  if (window.EventSource && document.querySelector('.card-slot, section.posts')) {
    const live = new EventSource('/console/events');
    live.onmessage = (event) => changed(event.data);
    live.onopen = () => {
      // A change between the page's rendering and this moment (the outbox delivering the reply just sent),
      // or while the stream was down (a restart, the network), sent no event here: a post's page asks for
      // its card once more (one card, and only while nobody has typed or chosen anything on it).
      if (onPostPage()) document.querySelectorAll('.card-slot').forEach((slot) => { if (untouched(slot)) refresh(slot, true); });
      document.documentElement.dataset.live = '1';
    };
  }

  // A click on a card: posted in place; the card comes back refreshed, or with the refusal beside the box.
  document.addEventListener('submit', async (event) => {
    const form = event.target;
    const slot = form instanceof HTMLFormElement && form.classList.contains('action') ? form.closest('.card-slot') : null;
    if (!slot) return;
    event.preventDefault();
    const data = new FormData(form, event.submitter);
    if (onPostPage()) data.set('page', 'post');
    const buttons = form.querySelectorAll('button');
    buttons.forEach((b) => { b.disabled = true; });
    let response;
    try {
      // form.action would be the button named "action", not the URL.
      response = await fetch(form.getAttribute('action'), { method: 'POST', body: data, headers: fragmentHeaders, credentials: 'same-origin' });
    } catch {
      response = null;
    }
    buttons.forEach((b) => { b.disabled = false; });
    const message = response && response.headers.get('X-Console-Notice');
    const type = response ? response.headers.get('Content-Type') || '' : '';
    if (response && response.ok && type.startsWith('text/html')) {
      const html = await response.text();
      const refused = html.includes('class="refusal"');
      notice(message ? decodeURIComponent(message) : '');
      if (!refused && onPostPage()) {
        location.reload();
        return;
      }
      const fresh = swap(slot, html);
      const alert = fresh && fresh.querySelector('.refusal');
      const box = alert && alert.closest('form') && alert.closest('form').querySelector('textarea');
      if (box) box.focus();
      return;
    }
    // Not even a card came back (the store is down, the network failed): keep everything as it is and say why.
    let why = 'That did not go through, so nothing changed. What you typed is still here; try again in a moment.';
    if (response) {
      try { why = (await response.json()).detail || why; } catch { /* not JSON */ }
    }
    let alert = form.querySelector('.refusal');
    if (!alert) {
      alert = document.createElement('p');
      alert.className = 'refusal';
      alert.setAttribute('role', 'alert');
      form.querySelector('button[type=submit]').before(alert);
    }
    alert.textContent = why;
    notice(why);
  });

  // Saving and checking a reply as it is typed.
  const timers = new WeakMap();
  function later(element, key, ms, work) {
    const pending = timers.get(element) || {};
    clearTimeout(pending[key]);
    pending[key] = setTimeout(work, ms);
    timers.set(element, pending);
  }

  function draftData(box) {
    const form = box.form;
    const data = new FormData();
    for (const name of ['__RequestVerificationToken', 'text', 'answerId', 'answerVersion']) {
      const field = form.elements.namedItem(name);
      if (field && 'value' in field) data.set(name, field.value);
    }
    for (const hidden of form.querySelectorAll('input[type=hidden]')) {
      if (!data.has(hidden.name) && hidden.name !== 'returnTo') data.set(hidden.name, hidden.value);
    }
    return data;
  }

  function status(box) {
    let p = box.form.querySelector('.save-status');
    if (!p) {
      p = document.createElement('p');
      p.className = 'save-status';
      p.setAttribute('aria-live', 'polite');
      box.insertAdjacentElement('afterend', p);
    }
    return p;
  }

  async function save(box) {
    if (!box.dataset.draftUrl || box.value === box.dataset.saved) return;
    const text = box.value;
    try {
      const response = await fetch(box.dataset.draftUrl, { method: 'POST', body: draftData(box), credentials: 'same-origin' });
      if (response.ok) {
        box.dataset.saved = text;
        status(box).textContent = `Draft saved ${new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.`;
      } else {
        let why = 'Not saved yet; it stays in the box.';
        try { why = (await response.json()).detail || why; } catch { /* not JSON */ }
        status(box).textContent = why;
      }
    } catch {
      status(box).textContent = 'Not saved yet (no connection); it stays in the box.';
    }
  }

  async function check(box) {
    const target = box.dataset.checkUrl && document.getElementById(`${box.id}-check`);
    if (!target) return;
    const response = await fetch(box.dataset.checkUrl, { method: 'POST', body: draftData(box), headers: fragmentHeaders, credentials: 'same-origin' });
    if (response.ok) target.innerHTML = await response.text();
  }

  document.addEventListener('input', (event) => {
    const box = event.target;
    if (!(box instanceof HTMLTextAreaElement) || !box.form) return;
    if (box.dataset.checkUrl) later(box, 'check', 250, () => check(box));
    if (box.dataset.draftUrl) later(box, 'save', 700, () => save(box));
  });

  // Leaving the page with words not yet saved: send them on the way out.
  window.addEventListener('pagehide', () => {
    document.querySelectorAll('textarea[data-draft-url]').forEach((box) => {
      if (box.value !== (box.dataset.saved ?? box.defaultValue)) navigator.sendBeacon(box.dataset.draftUrl, draftData(box));
    });
  });

  // Choosing a library answer fills the reply with it, personalised for this post and person;
  // the answer's id and version go with the draft so the library can check it was not changed.
  document.addEventListener('change', async (event) => {
    const select = event.target;
    if (!(select instanceof HTMLSelectElement) || select.name !== 'answerId' || !select.form) return;
    const form = select.form;
    const slot = select.closest('.card-slot');
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
    if (!select.value || !slot || !text) return;
    const response = await fetch(`/console/posts/${encodeURIComponent(slot.dataset.postId)}/answers/${encodeURIComponent(select.value)}`,
      { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (!response.ok) {
      note.textContent = 'That answer could not be loaded; write the reply yourself.';
      return;
    }
    const answer = await response.json();
    text.value = answer.draft;
    version.value = String(answer.version);
    note.textContent = answer.message || 'Filled in for this customer. Sent as it is, an answer legal approved needs no second approval; any edit goes through approval.';
    check(text);
    save(text);
  });

  // SLA clocks that move: "Reply within 12 min", amber under a fifth of the limit, red and "overdue by" past it.
  function duration(ms) {
    const minutes = Math.max(1, Math.round(ms / 60000));
    if (minutes < 60) return `${minutes} min`;
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return `${hours} h ${minutes % 60} min`;
    return `${Math.floor(hours / 24)} days`;
  }

  function tick() {
    const now = Date.now();
    document.querySelectorAll('.deadline[data-due]').forEach((clock) => {
      const left = Number(clock.dataset.due) - now;
      const limit = Number(clock.dataset.limit);
      const what = clock.dataset.what;
      clock.classList.toggle('overdue', left < 0);
      clock.classList.toggle('soon', left >= 0 && left < limit / 5);
      clock.textContent = left < 0 ? `${what} overdue by ${duration(-left)}` : `${what} within ${duration(left)}`;
    });
  }

  // Keys: j and k move between posts, c claims the one in focus, o opens it.
  function cards() { return [...document.querySelectorAll('article.card')]; }

  document.addEventListener('keydown', (event) => {
    const target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey || (target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)))) return;
    const all = cards();
    if (all.length === 0) return;
    const current = document.activeElement && document.activeElement.closest && document.activeElement.closest('article.card');
    const index = current ? all.indexOf(current) : -1;
    if (event.key === 'j' || event.key === 'k') {
      const next = all[event.key === 'j' ? Math.min(index + 1, all.length - 1) : Math.max(index - 1, 0)];
      next.setAttribute('tabindex', '-1');
      next.focus();
      next.scrollIntoView({ block: 'nearest' });
      event.preventDefault();
    } else if (event.key === 'c' && current) {
      const claim = current.querySelector('button[value="Claim"]');
      if (claim) { claim.click(); event.preventDefault(); }
    } else if (event.key === 'o' && current) {
      const open = current.querySelector('p.open a');
      if (open) { open.click(); event.preventDefault(); }
    }
  });

  function wire(root) {
    root.querySelectorAll('textarea[data-check-url]').forEach((box) => {
      box.dataset.saved = box.defaultValue;
      if (box.value.trim()) check(box);
    });
    tick();
  }

  wire(document);
  setInterval(tick, 15000);
})();
