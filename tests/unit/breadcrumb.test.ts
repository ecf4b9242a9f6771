import { describe, expect, it } from 'vitest';
import { crumbs, pageTitle, trail } from '../../app/components/ui/breadcrumb.tsx';

// The trail and the page title come from the routes' handles: each route names itself (and the pages between
// it and its parent route); a route without data (its loader failed) adds nothing.
const workspace = {
  id: 'routes/w.$slug',
  pathname: '/w/hengelo',
  params: { slug: 'hengelo' },
  data: { workspace: { title: 'Gemeente Hengelo (O)' } },
  handle: crumbs<() => { workspace: { title: string } }>(({ data }) => [
    { label: 'Werkruimten', to: '/' },
    { label: data.workspace.title },
  ]),
};
const versions = {
  id: 'routes/w.$slug.documenten.$id.versies._index',
  pathname: '/w/hengelo/documenten/d1/versies',
  params: { slug: 'hengelo', id: 'd1' },
  data: { title: 'Woonzorgvisie', base: '/w/hengelo/documenten/d1' },
  handle: crumbs<() => { title: string; base: string }>(({ data, params }) => [
    { label: 'Documenten', to: `/w/${params.slug}/documenten` },
    { label: data.title, to: data.base },
    { label: 'Versies' },
  ]),
};

describe('breadcrumb', () => {
  it('lists every crumb in order, each linking where it says or to its own route', () => {
    expect(trail([{ pathname: '/', params: {}, data: {} }, workspace, versions])).toEqual([
      { label: 'Werkruimten', to: '/' },
      { label: 'Gemeente Hengelo (O)', to: '/w/hengelo' },
      { label: 'Documenten', to: '/w/hengelo/documenten' },
      { label: 'Woonzorgvisie', to: '/w/hengelo/documenten/d1' },
      { label: 'Versies', to: '/w/hengelo/documenten/d1/versies' },
    ]);
  });

  it('skips a route whose data is missing (an error page) instead of failing', () => {
    expect(trail([workspace, { ...versions, data: undefined }]).map((c) => c.label)).toEqual([
      'Werkruimten',
      'Gemeente Hengelo (O)',
    ]);
  });

  it('titles a page by itself, then its werkruimte, then the application; the werkruimte only once', () => {
    expect(pageTitle([workspace, versions], 'Gemeente Hengelo (O)')).toBe('Versies – Gemeente Hengelo (O) – Thuisplan');
    expect(pageTitle([workspace], 'Gemeente Hengelo (O)')).toBe('Gemeente Hengelo (O) – Thuisplan');
    expect(pageTitle([])).toBe('Thuisplan');
  });
});
