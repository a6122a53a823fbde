/*
 * form-js 1.8.7's own texts are hard-coded English (validation messages, "Select", "Search", "No results"), and so
 * is the start of the engine's answer when it refuses a form ("Cannot submit task form <id>: <our Norwegian
 * message>"), which Tasklist shows in its notification. They are replaced with Norwegian as they are rendered, in
 * form-js's error lists, select boxes, dropdown lists and placeholders and in Tasklist's notifications only (never
 * in what the user or the process wrote).
 */

const MESSAGES = [
  [/^Field is required\.$/, () => 'Feltet må fylles ut.'],
  [/^Field must match pattern .*\.$/s, () => 'Verdien har ikke riktig format.'],
  [/^Field must have minimum value of (.+)\.$/, (m) => `Verdien må være minst ${m[1]}.`],
  [/^Field must have maximum value of (.+)\.$/, (m) => `Verdien kan ikke være høyere enn ${m[1]}.`],
  [/^Field must have minimum length of (.+)\.$/, (m) => `Skriv minst ${m[1]} tegn.`],
  [/^Field must have maximum length of (.+)\.$/, (m) => `Skriv høyst ${m[1]} tegn.`],
  [/^Field must be a valid email\.$/, () => 'Skriv en gyldig e-postadresse.'],
  [/^Field must be a valid\s+international phone number\..*$/, () => 'Skriv et gyldig internasjonalt telefonnummer (f.eks. +4722334455).'],
  [/^Value is not a number\.$/, () => 'Verdien er ikke et tall.'],
  [/^Value is expected to be an integer\.$/, () => 'Verdien må være et heltall.'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, (m) => `Verdien kan ha høyst ${m[1]} desimaler.`],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/,
    (m) => `Velg en gyldig verdi. De to nærmeste gyldige verdiene er ${m[1]} og ${m[2]}.`],
  [/^Date and time must both be entered\.$/, () => 'Både dato og klokkeslett må fylles ut.'],
  [/^No results$/, () => 'Ingen treff'],
  [/^All values selected$/, () => 'Alle verdiene er valgt'],
  [/^Select$/, () => 'Velg'],
  // Camunda's REST API around the server's (Norwegian) reason
  [/^Cannot submit task form \S+: (.*)$/s, (m) => `Skjemaet ble ikke sendt inn: ${m[1]}`],
  [/^Cannot instantiate process definition \S+: (.*)$/s, (m) => `Forløpet ble ikke startet: ${m[1]}`],
];

const PLACEHOLDERS = {
  Search: 'Søk',
  'dd.mm.yyyy': 'dd.mm.åååå',
  'mm/dd/yyyy': 'dd.mm.åååå',
};

/** Where form-js writes its own texts. */
const TEXT_PLACES = '.fjs-form-field-error, .fjs-select-display, .fjs-dropdownlist-empty, .page-notifications .message';

export function translate(text) {
  for (const [pattern, norwegian] of MESSAGES) {
    const match = pattern.exec(text);
    if (match) {
      return norwegian(match);
    }
  }
  return null;
}

function translateTextNode(node) {
  const parent = node.parentElement;
  if (!parent || !parent.closest(TEXT_PLACES)) {
    return;
  }
  const norwegian = translate(node.data.trim());
  if (norwegian !== null && norwegian !== node.data) {
    node.data = norwegian;
  }
}

function translatePlaceholder(element) {
  const placeholder = element.getAttribute('placeholder');
  if (placeholder && Object.prototype.hasOwnProperty.call(PLACEHOLDERS, placeholder)) {
    element.setAttribute('placeholder', PLACEHOLDERS[placeholder]);
  }
}

function translateWithin(root) {
  if (root.nodeType === Node.TEXT_NODE) {
    translateTextNode(root);
    return;
  }
  if (root.nodeType !== Node.ELEMENT_NODE) {
    return;
  }
  if (root.matches('.fjs-container input[placeholder]')) {
    translatePlaceholder(root);
  }
  root.querySelectorAll('.fjs-container input[placeholder]').forEach(translatePlaceholder);
  const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    translateTextNode(node);
  }
}

export function start() {
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'characterData') {
        translateTextNode(mutation.target);
      } else if (mutation.type === 'attributes') {
        if (mutation.target.closest('.fjs-container')) {
          translatePlaceholder(mutation.target);
        }
      } else {
        mutation.addedNodes.forEach(translateWithin);
      }
    }
  });
  const begin = () => {
    translateWithin(document.body);
    observer.observe(document.body, {
      childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['placeholder'],
    });
  };
  if (document.body) {
    begin();
  } else {
    document.addEventListener('DOMContentLoaded', begin);
  }
}
