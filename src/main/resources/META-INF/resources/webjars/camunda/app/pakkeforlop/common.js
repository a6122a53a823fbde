/*
 * Shared by the custom scripts of Tasklist, Cockpit, Admin and Welcome (app/<app>/custom/pakkeforlop.js).
 * No patient data in the browser: Tasklist's form drafts are refused, and removed wherever they are found.
 * The banner at the top of every app shows our configured text (GET /webapps/banner), as plain text.
 * README: "Camunda's web applications in Norwegian" says what to recheck after a Camunda upgrade.
 */

/** Tasklist's drafts: Camunda Forms (`camunda-form:<taskId>`) and embedded forms (`camForm:<taskId>`). */
const DRAFT_PREFIXES = ['camunda-form:', 'camForm:'];

export function isDraftKey(key) {
  return typeof key === 'string' && DRAFT_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/** Removes every draft from the storage; returns how many there were. */
export function removeDrafts(storage = window.localStorage) {
  const keys = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (isDraftKey(key)) {
      keys.push(key);
    }
  }
  keys.forEach((key) => storage.removeItem(key));
  return keys.length;
}

/**
 * Tasklist writes a draft on "Save" and by itself when the session expires (no option turns either off):
 * a draft is never written, in any Storage.
 */
export function refuseDrafts() {
  const setItem = Storage.prototype.setItem;
  if (setItem.pakkeforlop) {
    return;
  }
  const guarded = function setItemWithoutDrafts(key, value) {
    if (isDraftKey(String(key))) {
      return undefined;
    }
    return setItem.call(this, key, value);
  };
  guarded.pakkeforlop = true;
  Storage.prototype.setItem = guarded;
}

/** Drafts go now, at logout, and whenever the app shows its login page. */
export function keepBrowserStorageFreeOfDrafts() {
  refuseDrafts();
  removeDrafts();
  document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('li.logout')) {
      removeDrafts();
    }
  }, true);
  window.addEventListener('hashchange', () => {
    if (window.location.hash.startsWith('#/login')) {
      removeDrafts();
    }
  });
  window.addEventListener('pagehide', () => removeDrafts());
}

/** The address of the banner text: beside Camunda's application path (`/camunda` by default). */
function bannerUrl() {
  const base = document.querySelector('base');
  const appRoot = (base && base.getAttribute('app-root')) || '/camunda';
  return new URL(appRoot.replace(/\/+$/, '') + '/../webapps/banner', window.location.href).toString();
}

/**
 * Replaces the text of Camunda's CE end-of-life banner (`div.ce-eol-banner`, shown by every app, also on the
 * login page) with ours. The text is set with textContent: it is never read as HTML. An empty text hides it.
 */
export async function showConfiguredBanner() {
  let text;
  try {
    const response = await fetch(bannerUrl(), { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) {
      return;
    }
    text = String((await response.json()).text || '');
  } catch (e) {
    return;
  }
  const apply = () => {
    document.querySelectorAll('div.ce-eol-banner').forEach((banner) => {
      if (banner.textContent !== text) {
        banner.textContent = text;
      }
      banner.classList.add('pakkeforlop-banner');
      banner.hidden = text === '';
    });
  };
  apply();
  // Angular creates the banner late (ng-if) and fills it again when its translation arrives
  new MutationObserver(apply).observe(document.body, { childList: true, subtree: true, characterData: true });
}

/** What every app does. */
export function start() {
  keepBrowserStorageFreeOfDrafts();
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => showConfiguredBanner());
  } else {
    showConfiguredBanner();
  }
}
