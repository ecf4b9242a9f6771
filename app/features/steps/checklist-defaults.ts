// The checklist a new workspace starts with, per step; the projectleider adapts it. Step 2 is the content
// check of the woonzorgvisie as part of the volkshuisvestingsprogramma (Wet versterking regie
// volkshuisvesting). setup/seed.ts gives them to every workspace that has no checklist yet.
export const DEFAULT_CHECKLISTS: Readonly<Record<number, readonly string[]>> = {
  1: ['Cijfers verzameld', 'Knelpunten benoemd', 'Analyse ambtelijk besproken', 'Analyse bestuurlijk gedeeld'],
  2: [
    'Onderzoek naar de behoefte aan wonen, zorg en ondersteuning per aandachtsgroep',
    'Urgentieregeling met de verplichte categorieën, waaronder dakloze gezinnen',
    'Aandeel sociale huur (ten minste 30 % per regio) en twee derde betaalbaar',
    'Verbinding met zorg en ondersteuning uit de Wmo en met leefbaarheid',
    'Afspraken met corporaties en zorgpartijen',
    'Regionaal deel en lokaal deel',
  ],
  3: [
    'Acties geformuleerd per knelpunt',
    'Eigenaar en streefdatum per actie',
    'Acties ambtelijk afgestemd',
    'Acties bestuurlijk besloten',
  ],
  4: ['Verzendlijst vastgesteld', 'Ambtelijk verspreid', 'Bestuurlijk verspreid'],
};
