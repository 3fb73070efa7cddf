import { parseRemindText, type ParsedRemind } from '../../src/remind/parse-remind-text';
import { loadReminderMessages } from '../../src/remind/load-reminder-messages';
import { promptsDirFor } from '../../src/base/load-prompts';
import { describeInZone } from '../../src/base/zoned-time';
import type { Lang } from '../../src/base/language';
import { portugueseTimes } from '../../src/language/portuguese-times';
import { loadChrono } from '../../src/base/load-chrono';
import { parseMeetingTime } from '../../src/debrief/parse-meeting-time';

// Reminders typed in each language, read with its words (prompts/<lang>/reminders.json) and chrono's
// parser for it. Tuesday 1 December 2026, 10:00 UTC.
const NOW = new Date('2026-12-01T10:00:00Z');
const english = loadReminderMessages().words;
const parse = (lang: Lang, text: string, zone = 'UTC'): ParsedRemind =>
  parseRemindText(text, zone, NOW, [], { lang, words: loadReminderMessages(promptsDirFor(lang)).words, english });
const created = (lang: Lang, text: string, zone = 'UTC') => {
  const r = parse(lang, text, zone);
  if (r.kind !== 'create') throw new Error(`expected a reminder from "${text}", got ${JSON.stringify(r)}`);
  return r;
};

describe('Spanish', () => {
  test('"recuérdame … en 2 semanas": the task without the time, two weeks on at the same hour', () => {
    const r = created('es', 'recuérdame preguntarle a Acme qué pasó con la consulta en 2 semanas', 'America/Bogota');
    expect(r.who).toEqual({ kind: 'me' });
    expect(r.text).toBe('preguntarle a Acme qué pasó con la consulta');
    expect(r.dueAt.toISOString()).toBe('2026-12-15T10:00:00.000Z');
  });
  test('a weekday and a clock time, in the person’s zone', () => {
    const r = created('es', 'recuérdame enviar a Acme las peticiones revisadas el viernes a las 10', 'America/Bogota');
    expect(r.text).toBe('enviar a Acme las peticiones revisadas');
    expect(r.dueAt.toISOString()).toBe('2026-12-04T15:00:00.000Z'); // 10:00 in Bogotá (UTC-5)
  });
  test('a repeating reminder at the end: "cada lunes a las 10"', () => {
    const r = created('es', 'recuérdame revisar el informe de Acme cada lunes a las 10');
    expect(r.text).toBe('revisar el informe de Acme');
    expect(r.cron).toBe('0 10 * * 1');
  });
  test('"todos los días laborables" and "cada mes el día 1"', () => {
    expect(created('es', 'recuérdame mirar el correo de Acme todos los días laborables a las 9').cron).toBe('0 9 * * 1,2,3,4,5');
    expect(created('es', 'recuérdame escribir a nuestra aliada en Acme cada mes el día 1').cron).toBe('0 9 1 * *');
  });
  test('list, help and cancel in Spanish; English words still work', () => {
    expect(parse('es', 'lista').kind).toBe('list');
    expect(parse('es', 'ayuda').kind).toBe('help');
    expect(parse('es', 'cancelar k3x9p2')).toEqual({ kind: 'cancel', id: 'k3x9p2' });
    expect(parse('es', 'me to call Acme in 2 weeks').kind).toBe('create');
  });
  test('what it cannot read is refused, not guessed', () => {
    expect(parse('es', 'recuérdame llamar a Acme algún día')).toEqual({ kind: 'error', reason: 'noTime' });
    expect(parse('es', 'llamar a Acme en 2 semanas')).toEqual({ kind: 'error', reason: 'noWho' });
  });
});

describe('French', () => {
  test('"rappelle-moi vendredi à 10h …": an elided joining word and a time written 10h', () => {
    const r = created('fr', 'rappelle-moi d’appeler Acme vendredi à 10h', 'Africa/Dakar');
    expect(r.text).toBe('appeler Acme');
    expect(r.dueAt.toISOString()).toBe('2026-12-04T10:00:00.000Z');
  });
  test('"dans 2 semaines" and "tous les lundis à 9h"', () => {
    expect(created('fr', 'rappelle-moi de relancer Acme dans 2 semaines').dueAt.toISOString()).toBe('2026-12-15T10:00:00.000Z');
    expect(created('fr', 'rappelle-moi de relancer Acme tous les lundis à 9h').cron).toBe('0 9 * * 1');
  });
});

describe('Portuguese', () => {
  test('"me lembre … em 2 semanas" and "amanhã às 9h" (times chrono’s Portuguese lacks, added)', () => {
    expect(created('pt', 'me lembre de perguntar à Acme o que aconteceu com a consulta em 2 semanas').dueAt.toISOString()).toBe('2026-12-15T10:00:00.000Z');
    const r = created('pt', 'me lembre de ligar para a Acme amanhã às 9h', 'America/Sao_Paulo');
    expect(r.text).toBe('ligar para a Acme');
    expect(r.dueAt.toISOString()).toBe('2026-12-02T12:00:00.000Z'); // 09:00 in São Paulo (UTC-3)
  });
  test('"toda segunda-feira às 10h"', () => {
    expect(created('pt', 'me lembre de revisar o relatório da Acme toda segunda-feira às 10h').cron).toBe('0 10 * * 1');
  });
});

describe('Arabic', () => {
  test('"ذكرني أن … بعد أسبوعين" with Arabic-Indic digits too', () => {
    const r = created('ar', 'ذكرني أن أسأل شركة أكمي عن نتيجة المشاورة بعد أسبوعين', 'Asia/Amman');
    expect(r.text).toBe('أسأل شركة أكمي عن نتيجة المشاورة');
    expect(r.dueAt.toISOString()).toBe('2026-12-15T10:00:00.000Z');
    expect(created('ar', 'ذكرني أن أتصل بأكمي غدا الساعة ١٠', 'Asia/Amman').dueAt.toISOString()).toBe('2026-12-02T07:00:00.000Z'); // 10:00 in Amman (UTC+3 all year)
  });
  test('"كل يوم اثنين الساعة 10"', () => {
    expect(created('ar', 'ذكرني أن أراجع تقرير أكمي كل يوم اثنين الساعة 10').cron).toBe('0 10 * * 1');
  });
});

test('the time is echoed in the language and in the person’s zone', () => {
  const at = new Date('2026-12-04T15:00:00Z');
  expect(describeInZone(at, 'America/Bogota', NOW, 'es')).toBe('viernes, 4 de diciembre, 10:00 (America/Bogota)');
  expect(describeInZone(at, 'Africa/Dakar', NOW, 'fr')).toMatch(/^vendredi 4 décembre à 15:00 \(Africa\/Dakar\)$/);
  expect(describeInZone(at, 'America/Sao_Paulo', NOW, 'pt')).toMatch(/^sexta-feira, 4 de dezembro.* 12:00 \(America\/Sao_Paulo\)$/);
  expect(describeInZone(at, 'Asia/Amman', NOW, 'ar')).toContain('18:00');
  expect(describeInZone(at, 'Asia/Amman', NOW, 'ar')).toContain('\u2068(Asia/Amman)\u2069');
});

test('Arabic written with its short vowels and tanween reads the same ("غدًا" is "غداً" is "غدا")', () => {
  for (const tomorrow of ['غدًا', 'غداً', 'غدا']) {
    const r = created('ar', `ذكرني أن أتصل بأكمي ${tomorrow} الساعة 10`, 'Asia/Amman');
    expect(r.dueAt.toISOString()).toBe('2026-12-02T07:00:00.000Z');
    expect(r.text).toBe('أتصل بأكمي');
  }
});

test('"todo", "todos los", "toda a" meaning "all" leave a one-off reminder one-off', () => {
  const book = created('pt', 'me lembre de ler o livro todo na segunda');
  expect(book.cron).toBeUndefined();
  expect(book.text).toBe('ler o livro todo');
  expect(created('pt', 'me lembre de avisar toda a equipe amanhã às 9h').cron).toBeUndefined();
  const docs = created('es', 'recuérdame revisar todos los documentos mañana a las 10');
  expect(docs.cron).toBeUndefined();
  expect(docs.text).toBe('revisar todos los documentos');
});

test('Portuguese "24h" or "25h" is no clock time to the Portuguese reader: not read as 4h or 5h', () => {
  const pt = portugueseTimes(loadChrono());
  for (const text of ['ligar às 24h', 'ligar às 25h', 'amanhã às 99h']) expect(pt.parse(text, NOW).filter((r) => /\dh/.test(r.text))).toEqual([]);
  expect(created('pt', 'me lembre de ligar amanhã às 9h').text).toBe('ligar');
});

test('French with a plain apostrophe: "d\'appeler" loses its "d\'" like "d’appeler"', () => {
  expect(created('fr', "rappelle-moi d'appeler Marie demain à 9h").text).toBe('appeler Marie');
});

test('a meeting time half in Spanish, half in English is refused rather than half read', () => {
  expect(parseMeetingTime('reunión con Acme el viernes at 3pm', NOW, 'UTC', 'es')).toBeUndefined();
  expect(parseMeetingTime('consulta mañana 15:00-16:00', NOW, 'UTC', 'es')!.start.toISOString()).toBe('2026-12-02T15:00:00.000Z');
});
