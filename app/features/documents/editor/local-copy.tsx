// Words that can no longer reach the server (access lost, or read-only now) are never thrown away:
// the page offers them as a text file and as a Word document first, and only then to remove them.
import { useState } from 'react';
import type { IndexeddbPersistence } from 'y-indexeddb';
import type * as Y from 'yjs';
import { plainLines, readFragment } from '../rich-text.ts';

function fileName(title: string, extension: string): string {
  const base =
    title
      .replace(/[^\p{L}\p{N} ._-]+/gu, '')
      .trim()
      .slice(0, 80) || 'document';
  return `${base} (niet opgeslagen wijzigingen).${extension}`;
}

function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function LocalCopy({ title, ydoc, local }: { title: string; ydoc: Y.Doc; local: IndexeddbPersistence | null }) {
  const [downloaded, setDownloaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const asText = () => {
    download(
      // The user's text only: a template's guidance is left out, as in the Word download.
      new Blob([plainLines(readFragment(ydoc)).join('\n\n')], { type: 'text/plain;charset=utf-8' }),
      fileName(title, 'txt')
    );
    setDownloaded(true);
  };
  const asWord = async () => {
    setBusy(true);
    try {
      // The Word library is loaded only when someone needs it.
      const { documentDocxBlob } = await import('../document-docx.ts');
      download(await documentDocxBlob(title, readFragment(ydoc)), fileName(title, 'docx'));
      setDownloaded(true);
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    if (
      !window.confirm(
        'De wijzigingen die niet zijn opgeslagen uit deze browser verwijderen? Dat kan niet ongedaan worden gemaakt.'
      )
    )
      return;
    await local?.clearData();
    window.location.reload();
  };
  return (
    <section className="editor__local-copy" aria-labelledby="local-copy-title">
      <h2 id="local-copy-title" className="utrecht-heading-3">
        Niet opgeslagen wijzigingen bewaren
      </h2>
      <p>
        Download de tekst zoals die in deze browser staat, met uw wijzigingen, en geef die door aan een collega die het document
        wel mag bewerken.
      </p>
      <div className="editor__local-copy-actions">
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={asText}>
          Download als tekst (.txt)
        </button>
        <button
          type="button"
          className="utrecht-button utrecht-button--secondary-action"
          onClick={asWord}
          disabled={busy}
          aria-busy={busy}
        >
          Download als Word (.docx)
        </button>
        {downloaded && local ? (
          <button type="button" className="utrecht-button utrecht-button--subtle" onClick={remove}>
            Verwijderen uit deze browser
          </button>
        ) : null}
      </div>
    </section>
  );
}
