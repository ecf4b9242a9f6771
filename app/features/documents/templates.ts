import { guidanceNode, type RichNode } from './rich-text.ts';

// The chapters of a woonzorgvisie (Taskforce Wonen en Zorg, Aanjaagteam WWZO; see DOMAIN.md),
// each with one line that says what belongs there.
export const WOONZORGVISIE_CHAPTERS: ReadonlyArray<[title: string, prompt: string]> = [
  [
    'Opgave in beeld',
    'Hoe groot is de opgave voor wonen en zorg: cijfers per aandachtsgroep, spreiding en knelpunten (woonzorganalyse).',
  ],
  ['Doelgroepen', 'Welke aandachtsgroepen, en wat vragen zij aan wonen, zorg en ondersteuning?'],
  ['Aanbod', 'Welke woonvormen en welke zorg en ondersteuning zijn er nu in de gemeente en de regio?'],
  ['Ambities en doelstellingen', 'Wat willen we bereiken, concreet en meetbaar, en wanneer?'],
  [
    'Afspraken en samenwerking',
    'Met wie werken we samen (corporaties, zorgpartijen, zorgkantoor, bewoners) en wat spreken we af?',
  ],
  ['Uitvoering', 'Welke acties, met welk geld en welke planning?'],
  ['Monitoring', 'Hoe meten we de voortgang, en wanneer kijken we opnieuw?'],
];

export type TemplateKey = 'woonzorgvisie' | 'leeg';

export const TEMPLATE_LABELS: Record<TemplateKey, string> = {
  woonzorgvisie: 'Woonzorgvisie (zeven hoofdstukken)',
  leeg: 'Leeg document',
};

export function templateContent(template: TemplateKey): RichNode[] {
  if (template === 'leeg') return [{ type: 'paragraph', content: [] }];
  // Per chapter: its heading, the guiding question as guidance (not the user's text), and an empty paragraph
  // to write in.
  return WOONZORGVISIE_CHAPTERS.flatMap(([title, prompt], index) => [
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: `${index + 1}. ${title}` }] },
    guidanceNode(prompt),
    { type: 'paragraph', content: [] },
  ]);
}
