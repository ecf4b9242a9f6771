// What the monitor measures: the aandachtsgroepen of DOMAIN.md and the indicators Thuisplan starts
// with, and how CBS measures map onto them. A beheerder adds groups; imports add indicators' figures.
import type { IndicatorUnit } from '../../db/schema.ts';

export const TARGET_GROUPS: ReadonlyArray<{ id: string; name: string; description: string }> = [
  { id: 'statushouders', name: 'Statushouders', description: 'Vergunninghouders die een woning nodig hebben (taakstelling).' },
  { id: 'urgenten', name: 'Sociale en medische urgentie', description: 'Mensen met een urgentieverklaring.' },
  { id: 'uitstroom-mo-bw', name: 'Uitstroom MO/BW', description: 'Uitstroom uit maatschappelijke opvang en beschermd wonen.' },
  { id: 'uitstroom-intramuraal', name: 'Uitstroom intramurale zorg', description: 'Uitstroom uit GGZ-klinieken en jeugdzorg.' },
  { id: 'dak-en-thuislozen', name: 'Dak- en thuisloze mensen', description: 'Feitelijk en residentieel daklozen.' },
  { id: 'arbeidsmigranten', name: 'Arbeidsmigranten', description: '' },
  { id: 'studenten', name: 'Studenten', description: '' },
  { id: 'woonwagenbewoners', name: 'Woonwagenbewoners', description: '' },
  { id: 'ouderen', name: 'Ouderen', description: 'Ouderen met een zorg- of ondersteuningsvraag.' },
  { id: 'huiselijk-geweld', name: 'Slachtoffers van huiselijk geweld', description: '' },
  { id: 'uitstroom-detentie', name: 'Uitstroom uit detentie', description: '' },
  { id: 'beperking', name: 'Mensen met een beperking', description: '' },
  { id: 'dakloze-gezinnen', name: 'Dakloze gezinnen met kinderen', description: '' },
  { id: 'oekraiense-ontheemden', name: 'Oekraïense ontheemden', description: '' },
];

export interface IndicatorSeed {
  id: string;
  name: string;
  unit: IndicatorUnit;
  targetGroupId: string | null;
  definition: string;
  source: string;
  isCount: boolean;
}

/** The population is the denominator of every figure per 1,000 inhabitants. */
export const POPULATION_INDICATOR = 'bevolking';

export const INDICATORS: readonly IndicatorSeed[] = [
  {
    id: POPULATION_INDICATOR,
    name: 'Inwoners',
    unit: 'aantal',
    targetGroupId: null,
    definition: 'Totale bevolking op 1 januari.',
    source: 'CBS 70072ned',
    isCount: true,
  },
  {
    id: 'ouderen-65-80',
    name: 'Inwoners van 65 tot 80 jaar',
    unit: 'aantal',
    targetGroupId: 'ouderen',
    definition: 'Inwoners van 65 tot 80 jaar op 1 januari.',
    source: 'CBS 70072ned',
    isCount: true,
  },
  {
    id: 'ouderen-80-plus',
    name: 'Inwoners van 80 jaar of ouder',
    unit: 'aantal',
    targetGroupId: 'ouderen',
    definition: 'Inwoners van 80 jaar of ouder op 1 januari.',
    source: 'CBS 70072ned',
    isCount: true,
  },
  {
    id: 'statushouders',
    name: 'Statushouders met woonbehoefte',
    unit: 'aantal',
    targetGroupId: 'statushouders',
    definition: 'Personen met een verblijfsvergunning asiel die een woning nodig hebben.',
    source: 'CBS 85980NED',
    isCount: true,
  },
  {
    id: 'dak-en-thuislozen',
    name: 'Dak- en thuisloze personen',
    unit: 'aantal',
    targetGroupId: 'dak-en-thuislozen',
    definition: 'Personen zonder vaste woonplek (feitelijk en residentieel dakloos).',
    source: 'CBS 85980NED',
    isCount: true,
  },
  {
    id: 'uitstroom-mo-bw',
    name: 'Uitstroom uit MO/BW',
    unit: 'aantal',
    targetGroupId: 'uitstroom-mo-bw',
    definition: 'Personen die uitstromen uit maatschappelijke opvang of beschermd wonen en een woning zoeken.',
    source: 'CBS 85980NED',
    isCount: true,
  },
  {
    id: 'ouderen-75-plus-alleen',
    name: 'Alleenwonende ouderen van 75 jaar of ouder',
    unit: 'aantal',
    targetGroupId: 'ouderen',
    definition: 'Eenpersoonshuishoudens met een bewoner van 75 jaar of ouder.',
    source: 'CBS 85980NED',
    isCount: true,
  },
];

/**
 * Presets: which CBS measure feeds which indicator. A measure matches on its key or, because CBS keys
 * carry a position number that can change between table versions, on words in its title.
 */
export const CBS_PRESETS: Record<string, ReadonlyArray<{ indicatorId: string; match: RegExp }>> = {
  '70072ned': [
    { indicatorId: POPULATION_INDICATOR, match: /^TotaleBevolking_\d+$|^Totale bevolking$/i },
    { indicatorId: 'ouderen-65-80', match: /^k_65Tot80Jaar_\d+$|^65 tot 80 jaar$/i },
    { indicatorId: 'ouderen-80-plus', match: /^k_80JaarOfOuder_\d+$|^80 jaar of ouder$/i },
  ],
  '85980ned': [
    { indicatorId: 'statushouders', match: /statushouder/i },
    { indicatorId: 'dak-en-thuislozen', match: /dak.?en.?thuislo/i },
    { indicatorId: 'uitstroom-mo-bw', match: /uitstroom.*(mo|bw)|mo.?bw/i },
    { indicatorId: 'ouderen-75-plus-alleen', match: /75/ },
  ],
};
