import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => ({ label: 'Toegankelijkheidsverklaring' }));

// The Dutch model statement (digitoegankelijk.nl, Besluit digitale toegankelijkheid overheid), in its fixed
// order: the statement, the compliance status, its grounds, what does not comply (each with criterion, effect,
// cause and measure), the approval, feedback and the enforcement procedure. Keep it true: change it with the
// product, and say what is not yet known.

const UPDATED = '30 november 2026';

interface Shortcoming {
  what: string;
  criterion: string;
  effect: string;
  measure: string;
}

const SHORTCOMINGS: Shortcoming[] = [
  {
    what: 'Er is nog geen onderzoek volgens WCAG-EM door een onafhankelijke deskundige, en Thuisplan is niet getest met schermlezers (NVDA, JAWS, VoiceOver) door mensen die ze dagelijks gebruiken.',
    criterion: 'alle 50 eisen (niet aangetoond)',
    effect: 'Problemen die automatische toetsing niet ziet, kunnen er nog zijn.',
    measure: 'Een onderzoek volgens WCAG-EM voordat Thuisplan buiten de proefgemeenten wordt gebruikt.',
  },
  {
    what: 'Wie een document alleen mag lezen (zonder opmerkingen), kan de tekst niet met het toetsenbord selecteren.',
    criterion: '2.1.1 Toetsenbord',
    effect: 'Een lezer die geen muis gebruikt, kan geen stuk tekst kopiëren.',
    measure:
      'De tekst leesbaar en selecteerbaar maken zonder bewerkingsmodus. Tot die tijd: de versies van een document zijn gewone pagina’s.',
  },
  {
    what: 'In documenten die vóór 30 november 2026 uit het sjabloon zijn gemaakt, staan de hulpvragen als cursieve tekst tussen de eigen tekst in plaats van als apart gemarkeerde leidraad.',
    criterion: '1.3.1 Info en relaties',
    effect: 'Een schermlezer leest de hulpvraag als deel van de tekst voor.',
    measure: 'Redacteuren kunnen de hulpvraag weghalen; nieuwe documenten hebben de leidraad als eigen blok.',
  },
  {
    what: 'De grafieken in de analyse hebben op een scherm van 320 pixels breed kleine tekst.',
    criterion: '1.4.4 Herschalen van tekst',
    effect: 'De labels in de grafiek zijn op een telefoon moeilijk te lezen.',
    measure: 'Naast elke grafiek staat een tabel met dezelfde cijfers, in gewone tekstgrootte; schermlezers lezen die tabel.',
  },
  {
    what: 'Word- en Excel-bestanden die Thuisplan maakt (reactienota, document, monitor) zijn niet op toegankelijkheid getoetst.',
    criterion: 'alle eisen voor documenten (niet aangetoond)',
    effect: 'Koppen, tabellen of leesvolgorde kunnen in die bestanden onvolledig zijn.',
    measure: 'De bestanden toetsen met de toegankelijkheidscontrole van Word en Excel.',
  },
  {
    what: 'De editor en het plaatsen van opmerkingen werken alleen met JavaScript.',
    criterion: 'geen eis (ter informatie)',
    effect: 'Zonder JavaScript kunt u een document lezen, maar niet bewerken of becommentariëren.',
    measure: 'De andere formulieren werken ook zonder JavaScript.',
  },
];

export default function Accessibility() {
  return (
    <div className="page-narrow page-prose">
      <h1 className="utrecht-heading-1">Toegankelijkheidsverklaring</h1>

      <h2 className="utrecht-heading-2">Verklaring</h2>
      <p className="utrecht-paragraph">
        De gemeenten van de regio Enschede (MO/BW) streven ernaar Thuisplan toegankelijk te maken, overeenkomstig het Besluit
        digitale toegankelijkheid overheid: WCAG 2.1 niveau A en AA, zoals vastgelegd in EN 301 549. Deze verklaring geldt voor de
        hele webapplicatie Thuisplan, ook voor alle pagina’s na het inloggen.
      </p>

      <h2 className="utrecht-heading-2">Nalevingsstatus</h2>
      <p className="utrecht-paragraph">
        Thuisplan heeft nog geen status in het register van digitoegankelijk.nl: er is nog geen volledig onderzoek volgens
        WCAG-EM. Wat hieronder staat, is een eigen verklaring op grond van eigen toetsing. Zij is voor het laatst bijgewerkt op{' '}
        {UPDATED}.
      </p>

      <h2 className="utrecht-heading-2">Onderbouwing</h2>
      <p className="utrecht-paragraph">Bij elke wijziging aan Thuisplan toetsen automatische tests, in een echte browser:</p>
      <ul className="utrecht-unordered-list">
        <li className="utrecht-unordered-list__item">
          elke pagina die een projectleider, redacteur, commentator, lezer of beheerder kan bereiken, met realistische gegevens
          (cijfers van alle gemeenten, een document van tien pagina’s met opmerkingen, een reviewronde, knelpunten), op 1280
          pixels breed, op 200 % zoom en op 320 pixels breed;
        </li>
        <li className="utrecht-unordered-list__item">
          op elke pagina en elke breedte: axe-core met de regels van WCAG 2.0 en 2.1 niveau A en AA, geen zijwaarts scrollen van
          de pagina, geen fout of geblokkeerde inhoud in de browser;
        </li>
        <li className="utrecht-unordered-list__item">
          op elke pagina: elk bedieningselement is met Tab te bereiken en toont een zichtbare focus;
        </li>
        <li className="utrecht-unordered-list__item">
          alleen met het toetsenbord: inloggen, een stap wijzigen, een opmerking bij geselecteerde woorden plaatsen, cijfers
          importeren en een reviewronde openen.
        </li>
      </ul>
      <p className="utrecht-paragraph">
        Elke grafiek staat naast een tabel met dezelfde cijfers. Brede tabellen scrollen binnen hun eigen kader, dat met het
        toetsenbord te bedienen is; de pagina zelf scrolt niet zijwaarts.
      </p>

      <h2 className="utrecht-heading-2">Wat nog niet voldoet</h2>
      <ul className="utrecht-unordered-list shortcomings">
        {SHORTCOMINGS.map((s) => (
          <li key={s.what} className="utrecht-unordered-list__item">
            <p className="utrecht-paragraph">{s.what}</p>
            <dl className="shortcoming">
              <dt>Eis</dt>
              <dd>{s.criterion}</dd>
              <dt>Gevolg</dt>
              <dd>{s.effect}</dd>
              <dt>Maatregel</dt>
              <dd>{s.measure}</dd>
            </dl>
          </li>
        ))}
      </ul>

      <h2 className="utrecht-heading-2">Akkoordverklaring</h2>
      <p className="utrecht-paragraph">
        Deze verklaring is nog niet getekend door een tekenbevoegd functionaris. Dat gebeurt wanneer Thuisplan in gebruik gaat bij
        de gemeenten.
      </p>

      <h2 className="utrecht-heading-2">Feedback en contactgegevens</h2>
      <p className="utrecht-paragraph">
        Loopt u tegen een toegankelijkheidsprobleem aan, of heeft u een vraag of opmerking over de toegankelijkheid? Meld het bij
        de beheerder van Thuisplan in uw organisatie. U krijgt binnen 5 werkdagen een ontvangstbevestiging en binnen 3 weken een
        inhoudelijke reactie. We nemen elke melding mee in de volgende verbetering.
      </p>

      <h2 className="utrecht-heading-2">Handhavingsprocedure</h2>
      <p className="utrecht-paragraph">
        Bent u niet tevreden met de manier waarop uw klacht is behandeld, of hebben we niet op tijd gereageerd? Dan kunt u contact
        opnemen met de Nationale ombudsman of met de ombudsman van uw gemeente.
      </p>
    </div>
  );
}
