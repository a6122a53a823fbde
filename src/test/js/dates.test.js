/*
 * The date rules of the web applications (app/pakkeforlop/dates.js), in Node.js's own Intl (full ICU, as Chromium):
 * dates are shown and offered as dd.mm.åååå with leading zeros, typed d.m.åååå is taken as the same day, and the day
 * a date stands for does not depend on the time zone (`npm test` runs this in UTC and in Europe/Oslo).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  displayDate, isoDate, parseNorwegianDate, pinDefaultLocale, pinnedOptions,
} from '../../main/resources/META-INF/resources/webjars/camunda/app/pakkeforlop/dates.js';

/** form-js 1.8.7's own derivation of its date pattern from Intl (lib/deps.js of Camunda 7.24's webjar). */
function formJsPattern(locale = 'default') {
  return new Intl.DateTimeFormat(locale).formatToParts(new Date(Date.UTC(2020, 5, 5))).map((part) => {
    const length = part.value.length;
    switch (part.type) {
      case 'day': return 'd'.repeat(length);
      case 'month': return 'M'.repeat(length);
      case 'year': return 'y'.repeat(length);
      default: return part.value;
    }
  }).join('');
}

/** The days where dates go wrong if anything does (as testsupport.TestClock.AWKWARD). */
const AWKWARD = ['2026-01-01', '2026-03-01', '2026-03-29', '2026-09-09', '2026-09-10', '2026-10-25', '2026-12-31',
  '2028-02-29'];

test('nb-NO alone shows one-digit days and months: the reason for the pinned options', () => {
  assert.equal(new Intl.DateTimeFormat('nb-NO').format(new Date(2026, 8, 9)), '9.9.2026');
  assert.equal(new Intl.DateTimeFormat('nb-NO', pinnedOptions(undefined)).format(new Date(2026, 8, 9)), '09.09.2026');
});

test('options that name what to show are kept', () => {
  assert.deepEqual(pinnedOptions({ month: 'long' }), { month: 'long' });
  assert.deepEqual(pinnedOptions({ dateStyle: 'full' }), { dateStyle: 'full' });
  assert.deepEqual(pinnedOptions({ timeZone: 'UTC' }), { timeZone: 'UTC', year: 'numeric', month: '2-digit',
    day: '2-digit' });
});

test('with the default locale pinned, form-js shows, expects and offers dd.mm.yyyy in any browser language', () => {
  pinDefaultLocale();
  assert.equal(formJsPattern(), 'dd.MM.yyyy');
  assert.equal(formJsPattern('default'), 'dd.MM.yyyy');
  assert.equal(new Intl.DateTimeFormat().format(new Date(2026, 0, 5)), '05.01.2026');
  assert.equal(Intl.DateTimeFormat('default').format(new Date(2026, 0, 5)), '05.01.2026');
  // what the apps ask for themselves stays as asked
  assert.equal(new Intl.DateTimeFormat('default', { month: 'long' }).format(new Date(2026, 0, 5)), 'januar');
  assert.equal(new Intl.DateTimeFormat('en-US').format(new Date(2026, 0, 5)), '1/5/2026');
  assert.ok(new Intl.DateTimeFormat('default') instanceof Intl.DateTimeFormat);
});

test('a real date typed d.m.åååå or dd.mm.åååå is taken; nothing rolls over, nothing foreign is read', () => {
  assert.equal(isoDate(parseNorwegianDate('9.9.2026')), '2026-09-09');
  assert.equal(isoDate(parseNorwegianDate('09.09.2026')), '2026-09-09');
  assert.equal(isoDate(parseNorwegianDate(' 29.02.2028 ')), '2028-02-29');
  for (const wrong of ['31.02.2026', '29.02.2026', '11/26/2026', '2026-11-26', '1.13.2026', '0.1.2026', '5.1.26',
    '05.01.1899', '', 'i går']) {
    assert.equal(parseNorwegianDate(wrong), null, wrong);
  }
});

test('a stored date is shown dd.mm.åååå; other text as it is', () => {
  assert.equal(displayDate('2026-09-09'), '09.09.2026');
  assert.equal(displayDate('2026-12-31'), '31.12.2026');
  assert.equal(displayDate('Helse Bergen HF'), 'Helse Bergen HF');
  assert.equal(displayDate('2026-9-9'), '2026-9-9');
});

test(`on the awkward days the typed, shown and stored day is the same in ${process.env.TZ}`, () => {
  pinDefaultLocale();
  for (const day of AWKWARD) {
    const shown = displayDate(day);
    const [dd, mm, yyyy] = shown.split('.');
    assert.match(shown, /^\d{2}\.\d{2}\.\d{4}$/);
    assert.equal(isoDate(parseNorwegianDate(shown)), day, shown);
    assert.equal(isoDate(parseNorwegianDate(`${Number(dd)}.${Number(mm)}.${yyyy}`)), day, shown);
    // what form-js shows for the day it holds (a local date, as flatpickr gives it)
    assert.equal(new Intl.DateTimeFormat().format(parseNorwegianDate(shown)), shown);
  }
});
