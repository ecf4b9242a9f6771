import { Form } from '@remix-run/react';

/** Confirm or discard what a preview shows (an import, a refresh): two plain forms, so they work without JavaScript. */
export function DecisionButtons({ apply, discard, busy }: { apply: string; discard: string; busy: boolean }) {
  return (
    <div className="button-row">
      <Form method="post">
        <input type="hidden" name="intent" value="apply" />
        <button type="submit" className="utrecht-button utrecht-button--primary-action" disabled={busy}>
          {apply}
        </button>
      </Form>
      <Form method="post">
        <input type="hidden" name="intent" value="discard" />
        <button type="submit" className="utrecht-button utrecht-button--secondary-action" disabled={busy}>
          {discard}
        </button>
      </Form>
    </div>
  );
}
