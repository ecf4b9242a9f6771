import { crumbs } from '../components/ui/breadcrumb.tsx';

export const handle = crumbs(() => ({ label: 'Toegankelijkheidsverklaring' }));

export default function Accessibility() {
  return (
    <div className="page-narrow">
      <h1 className="utrecht-heading-1">Toegankelijkheid</h1>
      <p className="utrecht-paragraph">
        Thuisplan wil voor iedereen bruikbaar zijn en streeft naar WCAG 2.1 niveau A en AA (EN 301 549), zoals de wet voor
        overheidswebsites en -applicaties vraagt.
      </p>
      <h2 className="utrecht-heading-2">Wat we doen</h2>
      <ul className="utrecht-unordered-list">
        <li className="utrecht-unordered-list__item">
          Elke pagina is met het toetsenbord te bedienen en heeft een link om direct naar de inhoud te gaan.
        </li>
        <li className="utrecht-unordered-list__item">
          Elk formulierveld heeft een zichtbaar label; foutmeldingen staan bij het veld en worden voorgelezen.
        </li>
        <li className="utrecht-unordered-list__item">
          Elke grafiek in de monitor staat naast een tabel met dezelfde cijfers; schermlezers lezen de tabel.
        </li>
        <li className="utrecht-unordered-list__item">
          Wie een document alleen mag becommentariëren, kan toch met het toetsenbord door de tekst gaan en woorden selecteren
          (Shift + pijltjestoetsen) om er een opmerking bij te plaatsen.
        </li>
        <li className="utrecht-unordered-list__item">
          Bij elke wijziging aan Thuisplan controleren automatische tests de pagina's met axe-core.
        </li>
      </ul>
      <h2 className="utrecht-heading-2">Wat nog niet goed is</h2>
      <ul className="utrecht-unordered-list">
        <li className="utrecht-unordered-list__item">
          De editor en het plaatsen van opmerkingen werken alleen met JavaScript. De andere formulieren werken ook zonder.
        </li>
        <li className="utrecht-unordered-list__item">
          Wie alleen mag lezen (zonder opmerkingen), kan de tekst van een document niet met het toetsenbord selecteren.
        </li>
      </ul>
      <h2 className="utrecht-heading-2">Loopt u tegen iets aan?</h2>
      <p className="utrecht-paragraph">
        Meld het aan de beheerder van Thuisplan in uw organisatie. We nemen elke melding mee in de volgende verbetering.
      </p>
    </div>
  );
}
