import { lazy, Suspense, useEffect, useState } from 'react';
import type { EditorComments, EditorUser } from './editor.client.tsx';

// The editor bundle (tiptap, Yjs, Hocuspocus) is fetched only here, after hydration.
const CollaborativeEditor = lazy(() => import('./editor.client.tsx'));

export function DocumentEditor(props: {
  documentId: string;
  title: string;
  user: EditorUser;
  canEdit: boolean;
  label: string;
  comments?: EditorComments;
  /** Open the document at the first heading with this text. */
  openAtHeading?: string | null;
}) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  const loading = (
    <p className="editor__status" role="status">
      Editor laden…
    </p>
  );
  if (!mounted) return loading;
  return (
    <Suspense fallback={loading}>
      <CollaborativeEditor {...props} />
    </Suspense>
  );
}
