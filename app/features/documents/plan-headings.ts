// A heading of a plan, as actions and checklist items point at it: the document and the heading's text.
// One form value carries both ("<document id>|<heading>"), so one select offers every heading of every plan.
import type { SelectOption } from '../../components/ui/fields.tsx';

export interface PlanHeadings {
  documentId: string;
  title: string;
  headings: string[];
}

export interface HeadingRef {
  documentId: string;
  heading: string;
}

export function headingRefValue(ref: HeadingRef): string {
  return `${ref.documentId}|${ref.heading}`;
}

/** The reference in a form value, or null when it is not one (empty, or without a heading). */
export function parseHeadingRef(value: string | null | undefined): HeadingRef | null {
  const at = value?.indexOf('|') ?? -1;
  if (!value || at <= 0 || at === value.length - 1) return null;
  return { documentId: value.slice(0, at), heading: value.slice(at + 1) };
}

/** True when that document of these plans still has that heading. */
export function headingExists(plans: readonly PlanHeadings[], ref: HeadingRef): boolean {
  return plans.some((p) => p.documentId === ref.documentId && p.headings.includes(ref.heading));
}

/** The options of a heading select: every heading, grouped under its document's title. */
export function headingOptions(plans: readonly PlanHeadings[]): SelectOption[] {
  return plans.flatMap((p) =>
    [...new Set(p.headings)].map((heading) => ({
      value: headingRefValue({ documentId: p.documentId, heading }),
      label: heading,
      group: p.title,
    }))
  );
}

/** The document page, opened at the heading (the editor scrolls to the first heading with this text). */
export function headingHref(slug: string, ref: HeadingRef): string {
  return `/w/${slug}/documenten/${ref.documentId}?kop=${encodeURIComponent(ref.heading)}`;
}
