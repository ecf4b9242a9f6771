// How big a CSV file may be: checked in the browser before sending (a bigger body is refused by the server
// before Remix reads it, with a plain 413 that the page cannot show at the field) and again on the server.
export const MAX_CSV_BYTES = 10 * 1024 * 1024;
export const CSV_TOO_LARGE = 'Het bestand is groter dan 10 MB. Splits het in kleinere bestanden.';
