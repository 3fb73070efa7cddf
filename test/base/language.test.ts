import { intlLocale, isolate, languageOfLocale, linesIn, listIn } from '../../src/base/language';

test('a platform or terminal locale names the language the bot answers in', () => {
  expect(languageOfLocale('es-LA')).toBe('es');
  expect(languageOfLocale('pt-BR')).toBe('pt');
  expect(languageOfLocale('ar-SA')).toBe('ar');
  expect(languageOfLocale('fr_FR.UTF-8')).toBe('fr');
  expect(languageOfLocale('en-US')).toBe('en');
  expect(languageOfLocale('de-DE')).toBeUndefined();
  expect(languageOfLocale('C.UTF-8')).toBeUndefined();
  expect(languageOfLocale('POSIX')).toBeUndefined();
  expect(languageOfLocale('')).toBeUndefined();
  expect(languageOfLocale(undefined)).toBeUndefined();
  expect(languageOfLocale('esperanto')).toBeUndefined();
});

test('an English heading inside Arabic is isolated, and an Arabic line is marked right to left; other languages are left alone', () => {
  expect(isolate('“Be targeted”', 'ar')).toBe('\u2068“Be targeted”\u2069');
  expect(isolate('“Be targeted”', 'es')).toBe('“Be targeted”');
  expect(linesIn('/engage-tip قائمة', 'ar')).toBe('\u200f/engage-tip قائمة');
  expect(linesIn(linesIn('x', 'ar'), 'ar')).toBe('\u200fx');
  expect(linesIn('/engage-tip قائمة\n\nمثال', 'ar')).toBe('\u200f/engage-tip قائمة\n\n\u200fمثال');
  expect(linesIn('/engage-tip list', 'fr')).toBe('/engage-tip list');
  expect(new Intl.DateTimeFormat(intlLocale('ar'), { day: 'numeric' }).format(new Date('2026-12-08T12:00:00Z'))).toBe('8');
});

test('a list of names takes the language’s own comma', () => {
  expect(listIn(['Human Rights', 'Legal'], 'en')).toBe('Human Rights, Legal');
  expect(listIn(['حقوق الإنسان', 'الشؤون القانونية'], 'ar')).toBe('حقوق الإنسان، الشؤون القانونية');
  expect(listIn([], 'fr')).toBe('');
});
