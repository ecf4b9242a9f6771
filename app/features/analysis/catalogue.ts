// What the monitor measures: the aandachtsgroepen of DOMAIN.md and the indicators Thuisplan starts
// with, and how CBS measures map onto them. A beheerder adds groups; imports add indicators' figures.
import type { IndicatorUnit } from '../../../db/schema.ts';

// One name per thing: the DOMAIN.md term. An indicator that counts a whole aandachtsgroep has the group's
// id and takes the group's name from here (tests/unit/labels.test.ts); names stored by an older seed are
// renamed by migration 0009, and CSV files may still use them (FORMER_INDICATOR_NAMES).
export const TARGET_GROUPS: ReadonlyArray<{ id: string; name: string; description: string }> = [
  { id: 'statushouders', name: 'Statushouders', description: 'Vergunninghouders die een woning nodig hebben (taakstelling).' },
  { id: 'urgenten', name: 'Sociale en medische urgentie', description: 'Mensen met een urgentieverklaring.' },
  {
    id: 'uitstroom-mo-bw',
    name: 'Uitstroom uit MO/BW',
    description: 'Uitstroom uit maatschappelijke opvang en beschermd wonen.',
  },
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

/** The name of an aandachtsgroep, for the indicator that counts it. */
function groupName(id: string): string {
  const group = TARGET_GROUPS.find((g) => g.id === id);
  if (!group) throw new Error(`Geen aandachtsgroep ${id}`);
  return group.name;
}

/**
 * What earlier versions called an indicator or an aandachtsgroep (stored names, CSV files): migration 0009
 * renames the stored ones that nobody edited, and a CSV import still understands them.
 */
export const FORMER_NAMES = {
  indicators: {
    statushouders: ['Statushouders met woonbehoefte'],
    'dak-en-thuislozen': ['Dak- en thuisloze personen'],
  },
  targetGroups: {
    'uitstroom-mo-bw': ['Uitstroom MO/BW'],
  },
} as const satisfies Record<string, Record<string, readonly string[]>>;

/**
 * Groups for which CBS has no table per gemeente: the indicator says where the figures come from instead,
 * and they are imported as CSV.
 */
export const NO_CBS_TABLE = {
  daklozen:
    'Geen CBS-tabel per gemeente (80799ned is landelijk, de Monitor Dakloosheid per centrumregio): importeer de registratie van de centrumgemeente of partners als CSV.',
  taakstelling:
    'Geen CBS-tabel: de halfjaarlijkse circulaire taakstelling huisvesting vergunninghouders (Rijksoverheid); importeer de cijfers als CSV.',
} as const;

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
    name: groupName('statushouders'),
    unit: 'aantal',
    targetGroupId: 'statushouders',
    definition: 'Personen met een verblijfsvergunning asiel die een woning nodig hebben.',
    source: 'CBS 85980NED',
    isCount: true,
  },
  {
    id: 'dak-en-thuislozen',
    name: groupName('dak-en-thuislozen'),
    unit: 'aantal',
    targetGroupId: 'dak-en-thuislozen',
    definition: 'Personen zonder vaste woonplek (feitelijk en residentieel dakloos).',
    source: NO_CBS_TABLE.daklozen,
    isCount: true,
  },
  {
    id: 'uitstroom-mo-bw',
    name: groupName('uitstroom-mo-bw'),
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
  {
    id: 'taakstelling-statushouders',
    name: 'Taakstelling huisvesting statushouders',
    unit: 'aantal',
    targetGroupId: 'statushouders',
    definition: 'Het aantal vergunninghouders dat de gemeente in het halfjaar moet huisvesten.',
    source: NO_CBS_TABLE.taakstelling,
    isCount: true,
  },
  {
    id: 'huishoudens',
    name: 'Particuliere huishoudens',
    unit: 'aantal',
    targetGroupId: null,
    definition: 'Particuliere huishoudens op 1 januari.',
    source: 'CBS 70072ned',
    isCount: true,
  },
  {
    id: 'eenpersoonshuishoudens',
    name: 'Eenpersoonshuishoudens',
    unit: 'aantal',
    targetGroupId: null,
    definition: 'Huishoudens van één persoon op 1 januari.',
    source: 'CBS 70072ned',
    isCount: true,
  },
  {
    id: 'wmo-clienten',
    name: 'Wmo-cliënten',
    unit: 'aantal',
    targetGroupId: 'beperking',
    definition: 'Personen met een Wmo-maatwerkvoorziening.',
    source: 'CBS 85896NED',
    isCount: true,
  },
  {
    id: 'clienten-beschermd-wonen',
    name: 'Cliënten beschermd wonen en opvang',
    unit: 'aantal',
    targetGroupId: 'uitstroom-mo-bw',
    definition: 'Personen met een Wmo-voorziening voor beschermd wonen of (maatschappelijke) opvang.',
    source: 'CBS 86051NED',
    isCount: true,
  },
  {
    id: 'zorgwoonruimten',
    name: 'Zorgwoonruimten',
    unit: 'aantal',
    targetGroupId: 'ouderen',
    definition: 'Woonruimten met zorg (intramuraal en geclusterd).',
    source: 'CBS 85150NED',
    isCount: true,
  },
  {
    id: 'woningen-corporatie',
    name: 'Woningen van corporaties',
    unit: 'aantal',
    targetGroupId: null,
    definition: 'Huurwoningen in bezit van woningcorporaties op 1 januari.',
    source: 'CBS 82900NED',
    isCount: true,
  },
];

/** A preset: which topic, and which category of which dimension, feeds an indicator. */
export interface CbsPreset {
  indicatorId: string;
  /** Matched on the topic's key or title; of the matches, the first whose unit fits the indicator. */
  topic: RegExp;
  /** Per dimension (matched on its key or title), the category by its title; other dimensions take their total. */
  categories?: Array<[dimension: RegExp, category: RegExp]>;
}

export interface CbsTablePreset {
  /** Which moment of the year (CBS period code without the year): 'JJ00' a whole year, 'MM01' 1 January. */
  moment?: string;
  indicators: CbsPreset[];
}

/**
 * Presets per table, keyed by the id in lower case (CBS ids are case-insensitive). CBS keys carry a
 * position number that changes between table versions, so titles match as well. The keys and titles of
 * 70072ned are CBS's own; those of the other tables could not be checked offline and match on words
 * (see tests/fixtures/cbs/README.md): where nothing matches, the form leaves the choice to the user.
 */
export const CBS_PRESETS: Record<string, CbsTablePreset> = {
  '70072ned': {
    moment: 'JJ00',
    indicators: [
      { indicatorId: POPULATION_INDICATOR, topic: /^TotaleBevolking_\d+$|^Totale bevolking$/i },
      // Each age group is there twice, as a count and as a share (%): the unit decides.
      { indicatorId: 'ouderen-65-80', topic: /^k_65Tot80Jaar_\d+$|^65 tot 80 jaar$/i },
      { indicatorId: 'ouderen-80-plus', topic: /^k_80JaarOfOuder_\d+$|^80 jaar of ouder$/i },
      { indicatorId: 'huishoudens', topic: /^TotaalAantalParticuliereHuishoudens_\d+$|^Totaal particuliere huishoudens$/i },
      { indicatorId: 'eenpersoonshuishoudens', topic: /^Eenpersoonshuishoudens_\d+$|^Eenpersoonshuishoudens$/i },
    ],
  },
  '85980ned': {
    moment: 'MM01',
    indicators: [
      {
        indicatorId: 'statushouders',
        topic: /^totaal personen$/i,
        categories: [[/aandachtsgroep/i, /^statushouder(s)?(: totaal)?$/i]],
      },
      {
        indicatorId: 'uitstroom-mo-bw',
        topic: /^totaal personen$/i,
        categories: [[/aandachtsgroep/i, /uitstroom.*(beschermd wonen|maatschappelijke opvang)/i]],
      },
    ],
  },
  '03759ned': {
    moment: 'JJ00',
    indicators: [
      { indicatorId: POPULATION_INDICATOR, topic: /bevolking op 1 januari/i, categories: [[/leeftijd/i, /^totaal/i]] },
      { indicatorId: 'ouderen-80-plus', topic: /bevolking op 1 januari/i, categories: [[/leeftijd/i, /^80 jaar of ouder$/i]] },
    ],
  },
  '85896ned': { moment: 'JJ00', indicators: [{ indicatorId: 'wmo-clienten', topic: /wmo.?cli[eë]nten/i }] },
  '86051ned': {
    indicators: [
      {
        indicatorId: 'clienten-beschermd-wonen',
        topic: /cli[eë]nten/i,
        categories: [[/voorziening/i, /beschermd wonen|opvang|verblijf/i]],
      },
    ],
  },
  '85150ned': { indicators: [{ indicatorId: 'zorgwoonruimten', topic: /zorgwoonruimten|woonruimten/i }] },
  '82900ned': {
    moment: 'JJ00',
    indicators: [
      { indicatorId: 'woningen-corporatie', topic: /beginstand|voorraad/i, categories: [[/eigendom/i, /corporatie/i]] },
    ],
  },
};
