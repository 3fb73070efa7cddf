import type * as Chrono from 'chrono-node';

// chrono-node's Portuguese reads "amanhã às 09:00" and "sexta às 10:00" but not two things people
// write all the time: a time as "9h" or "9h30", and a delay ("em 2 semanas", "daqui a 3 dias",
// "dentro de um mês"). Both are added to a copy of its parser, the way chrono's documentation adds
// parsers; the result is tagged like chrono's own readings of the same phrases in other languages.

const NUMBERS: Record<string, number> = { um: 1, uma: 1, dois: 2, duas: 2, três: 3, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9, dez: 10 };
const UNITS: Record<string, string> = { minuto: 'minute', hora: 'hour', dia: 'day', semana: 'week', mês: 'month', mes: 'month', meses: 'month' };
const unitOf = (word: string) => UNITS[word.toLowerCase()] ?? UNITS[word.toLowerCase().replace(/s$/, '')];

const DELAY = /(?<![\p{L}\p{N}])(?:em|dentro de|daqui a|daqui)\s+(\d{1,3}|um|uma|dois|duas|três|tres|quatro|cinco|seis|sete|oito|nove|dez)\s+(minutos?|horas?|dias?|semanas?|mês|mes|meses)(?![\p{L}\p{N}])/iu;
// Only real clock times match ("24h" or "25h" match nothing): chrono tries a pattern again one
// character later when its extract gives up, which would read "24h" as "4h".
const HOURS = /(?<![\p{L}\p{N}])(?:(?:às|as|à|a)\s+)?([01]?\d|2[0-3])h([0-5]\d)?(?![\p{L}\p{N}])/iu;

export function portugueseTimes(chrono: typeof Chrono): Chrono.Chrono {
  const parser = chrono.pt.casual.clone();
  parser.parsers.push(
    {
      pattern: () => DELAY,
      extract: (context, match) => {
        const amount = /^\d+$/.test(match[1]!) ? Number(match[1]) : NUMBERS[match[1]!.toLowerCase()]!;
        const components = chrono.ParsingComponents.createRelativeFromReference(context.reference, { [unitOf(match[2]!)!]: amount });
        return components.addTag('result/relativeDateAndTime');
      },
    },
    {
      pattern: () => HOURS,
      extract: (_context, match) => {
        return { hour: Number(match[1]), minute: Number(match[2] ?? 0) };
      },
    },
  );
  return parser;
}
