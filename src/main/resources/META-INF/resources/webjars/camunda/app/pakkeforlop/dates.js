/*
 * Dates in Camunda Forms (form-js 1.8.7 in Tasklist 7.24) typed as dd.mm.åååå in every browser.
 *
 * form-js takes its date format from `new Intl.DateTimeFormat('default')`, i.e. from the browser's language
 * (nb-NO: dd.mm.yyyy, en-US: mm/dd/yyyy), and hands the typed text to flatpickr, whose parser rolls impossible
 * dates over (31.02.2026 becomes 03.03.2026) and reads foreign formats as something else (11/26/2026 became
 * 11.02.2028). So:
 *  1. the default locale of Intl.DateTimeFormat is pinned to nb-NO with two-digit day and month: form-js shows,
 *     expects and offers as placeholder dd.mm.yyyy (nb-NO's plain date is d.m.yyyy: "5.1.2026");
 *  2. flatpickr gets Norwegian texts (Monday first, Norwegian month and day names);
 *  3. every flatpickr instance gets a strict parser: only a real calendar date d.m.yyyy / dd.mm.yyyy is taken;
 *     anything else leaves the field without a date, keeps the text in view with a Norwegian message, and
 *     Tasklist's "Fullfør"/start button refuses to submit while such a text is in a date field.
 * The value submitted stays yyyy-MM-dd (form-js), and the server's checks stay the last word.
 */

export const LOCALE = 'nb-NO';

/** flatpickr 4.6 texts in Norwegian bokmål. */
export const FLATPICKR_NB = {
  weekdays: {
    shorthand: ['søn', 'man', 'tir', 'ons', 'tor', 'fre', 'lør'],
    longhand: ['søndag', 'mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag'],
  },
  months: {
    shorthand: ['jan', 'feb', 'mar', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'des'],
    longhand: ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober',
      'november', 'desember'],
  },
  firstDayOfWeek: 1,
  rangeSeparator: ' til ',
  weekAbbreviation: 'Uke',
  scrollTitle: 'Rull for å endre',
  toggleTitle: 'Klikk for å veksle',
  yearAriaLabel: 'År',
  monthAriaLabel: 'Måned',
  hourAriaLabel: 'Time',
  minuteAriaLabel: 'Minutt',
  time_24hr: true,
  ordinal: () => '.',
};

/** What an Intl.DateTimeFormat shows; options naming none of these show the default date (year, month, day). */
const COMPONENTS = ['weekday', 'era', 'year', 'month', 'day', 'dayPeriod', 'hour', 'minute', 'second',
  'fractionalSecondDigits', 'timeZoneName', 'dateStyle', 'timeStyle'];

/** A date always shown with two-digit day and month (05.01.2026, never 5.1.2026). */
const TWO_DIGITS = { year: 'numeric', month: '2-digit', day: '2-digit' };

/**
 * The options for a format of the pinned (default) locale: the plain date nb-NO gives is "5.1.2026", from which
 * form-js would take the pattern d.M.yyyy for what it shows and for its placeholder; it is dd.mm.yyyy.
 */
export function pinnedOptions(options) {
  const given = options || {};
  return COMPONENTS.some((component) => given[component] !== undefined) ? options : { ...given, ...TWO_DIGITS };
}

/**
 * `new Intl.DateTimeFormat()` and `('default')` mean Norwegian bokmål with two-digit day and month; an explicit
 * locale is kept as it is.
 */
export function pinDefaultLocale() {
  const Original = Intl.DateTimeFormat;
  if (Original.pakkeforlop) {
    return;
  }
  function DateTimeFormat(locales, options) {
    if (locales === undefined || locales === 'default') {
      return new Original(LOCALE, pinnedOptions(options));
    }
    return new Original(locales, options);
  }
  DateTimeFormat.prototype = Original.prototype;
  DateTimeFormat.supportedLocalesOf = Original.supportedLocalesOf.bind(Original);
  DateTimeFormat.pakkeforlop = true;
  Intl.DateTimeFormat = DateTimeFormat;
}

const NORWEGIAN_DATE = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/;

/** A real calendar date written d.m.yyyy or dd.mm.yyyy (year 1900 or later), or null: nothing rolls over. */
export function parseNorwegianDate(text) {
  const match = NORWEGIAN_DATE.exec(String(text));
  if (!match) {
    return null;
  }
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  const real = date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
  return real && year >= 1900 ? date : null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A date as the pathway's variables hold it (yyyy-MM-dd) as staff read it, dd.mm.åååå; other text as it is. */
export function displayDate(text) {
  const match = ISO_DATE.exec(String(text).trim());
  return match ? `${match[3]}.${match[2]}.${match[1]}` : text;
}

/** A date (local calendar day) as yyyy-MM-dd, the form the API takes. */
export function isoDate(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Tasklist's list of tasks shows the filter's variables as they are stored ("Mottatt: 2026-11-27"): a date is
 * shown dd.mm.åååå. The text node Tasklist binds is changed in place, so a later value is shown the same way.
 */
export function listedDatesAsNorwegian() {
  const reformat = () => {
    document.querySelectorAll('.variable-item .variable-value').forEach((element) => {
      element.childNodes.forEach((node) => {
        if (node.nodeType === Node.TEXT_NODE && ISO_DATE.test(node.nodeValue.trim())) {
          node.nodeValue = displayDate(node.nodeValue);
        }
      });
    });
  };
  const observe = () => {
    new MutationObserver(reformat).observe(document.body, { childList: true, subtree: true, characterData: true });
    reformat();
  };
  if (document.body) {
    observe();
  } else {
    document.addEventListener('DOMContentLoaded', observe);
  }
}

/** The refusal of a typed date; `calendar` when the field also offers a calendar to pick from. */
export function invalidDateMessage(text, calendar = true) {
  const how = 'Skriv datoen som dd.mm.åååå (for eksempel 05.01.2026)';
  return `«${text}» er ikke en gyldig dato. ${how}${calendar ? ', eller velg den i kalenderen.' : '.'}`;
}

/** Date inputs holding a refused text, with that text. */
const refused = new Map();
let watcher = null;

function messageElement(input, create) {
  const section = input.closest('.fjs-datetime-subsection') || input.parentElement;
  let message = section.querySelector(':scope > .pakkeforlop-date-error');
  if (!message && create) {
    message = document.createElement('div');
    message.className = 'fjs-form-field-error pakkeforlop-date-error';
    message.setAttribute('role', 'alert');
    section.appendChild(message);
  }
  return message;
}

function refuse(input, text) {
  refused.set(input, text);
  input.setAttribute('aria-invalid', 'true');
  messageElement(input, true).textContent = invalidDateMessage(text);
  if (!watcher) {
    watcher = window.setInterval(keepRefusedTexts, 100);
  }
}

function accept(input) {
  refused.delete(input);
  input.removeAttribute('aria-invalid');
  const message = messageElement(input, false);
  if (message) {
    message.remove();
  }
  if (!refused.size && watcher) {
    window.clearInterval(watcher);
    watcher = null;
  }
}

/**
 * flatpickr and form-js empty the field after a refused text (the form's value becomes empty): the text comes
 * back, so that the user sees what was refused. A date picked in the calendar replaces it.
 */
function keepRefusedTexts() {
  refused.forEach((text, input) => {
    if (!input.isConnected) {
      accept(input);
    } else if (input.value === '') {
      input.value = text;
    } else if (input.value.trim() !== text.trim()) {
      accept(input);
    }
  });
}

export function refusedDateInputs() {
  keepRefusedTexts();
  return [...refused.keys()].filter((input) => input.isConnected);
}

/** The parser flatpickr uses for every typed text (on Enter, on leaving the field, on a click elsewhere). */
function strictParser(instance) {
  return (text) => {
    const date = parseNorwegianDate(text);
    const input = instance.input;
    if (date) {
      accept(input);
      return date;
    }
    if (String(text).trim() !== '') {
      refuse(input, String(text));
    }
    return undefined;
  };
}

function configure(flatpickr) {
  if (!flatpickr || flatpickr.pakkeforlop) {
    return;
  }
  flatpickr.pakkeforlop = true;
  flatpickr.localize(FLATPICKR_NB);
  const onReady = flatpickr.defaultConfig.onReady || [];
  // form-js sets its own options per field; hooks of the default config still run for every instance
  flatpickr.setDefaults({
    onReady: [].concat(onReady, function strictTypedDates(selectedDates, dateText, instance) {
      // form-js's date fields only (their format is the pinned dd.mm.yyyy)
      if (instance.input && instance.input.closest('.fjs-datepicker')) {
        instance.config.parseDate = strictParser(instance);
      }
    }),
  });
}

/** Configures window.flatpickr now, or as soon as Tasklist's libraries define it. */
export function norwegianCalendar() {
  if (window.flatpickr) {
    configure(window.flatpickr);
    return;
  }
  let current;
  Object.defineProperty(window, 'flatpickr', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (value) => {
      current = value;
      configure(value);
    },
  });
}

/** Tasklist's complete and start buttons, and form-js's own submit, do nothing while a date is refused. */
export function refuseSubmissionWithInvalidDates() {
  const block = (event) => {
    const inputs = refusedDateInputs();
    if (!inputs.length) {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    inputs[0].scrollIntoView({ block: 'center' });
    inputs[0].focus();
  };
  document.addEventListener('click', (event) => {
    if (event.target instanceof Element
        && event.target.closest('button[ng-click^="complete("], button[ng-click^="startProcessInstance("]')) {
      block(event);
    }
  }, true);
  document.addEventListener('submit', (event) => {
    if (event.target instanceof Element && event.target.closest('.fjs-container, form.fjs-form')) {
      block(event);
    }
  }, true);
}

/**
 * Typing again in a refused field withdraws the refusal (it is judged again when the field is left). Only the
 * user's own typing: flatpickr sends an "input" event of its own whenever it changes the value.
 */
function forgetRefusalOnTyping() {
  document.addEventListener('input', (event) => {
    if (event.isTrusted && refused.has(event.target)) {
      accept(event.target);
    }
  }, true);
}

export function start() {
  pinDefaultLocale();
  listedDatesAsNorwegian();
  forgetRefusalOnTyping();
  norwegianCalendar();
  refuseSubmissionWithInvalidDates();
}
