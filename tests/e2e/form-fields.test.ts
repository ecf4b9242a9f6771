import { useForm } from '@conform-to/react';
import type { Page } from 'playwright-core';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { expectNoSeriousAxeViolations, logIn, newPage } from '../helpers/browser.ts';
import { createDocument } from '../helpers/collab.ts';
import { withServerAndBrowser } from '../helpers/e2e.ts';
import { loggedIn } from '../helpers/http.ts';
import { DEMO, DEMO_PASSWORD } from '../helpers/server.ts';
import { CheckboxField, CheckboxGroup, PlainCheckbox, RadioGroup } from '../../app/components/ui/fields.tsx';

const env = withServerAndBrowser();

/** Every checkbox and radio label on the page: its height, line height, and whether it sits right of its input. */
function optionLabels(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>('input[type="checkbox"], input[type="radio"]')].map((input) => {
      const label = document.querySelector<HTMLLabelElement>(`label[for="${input.id}"]`);
      const box = label?.getBoundingClientRect();
      const inputBox = input.getBoundingClientRect();
      return {
        text: label?.textContent ?? null,
        height: box?.height ?? 0,
        lineHeight: label ? parseFloat(getComputedStyle(label).lineHeight) : 0,
        labelLeft: box?.left ?? 0,
        inputRight: inputBox.right,
        sameLine: box ? Math.abs(box.top - inputBox.top) < 8 : false,
        width: box?.width ?? 0,
      };
    })
  );
}

function horizontalOverflow(page: Page) {
  return page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
}

/**
 * Controls (inputs, selects, text areas) whose box reaches past the viewport's right edge. Those in a table's
 * own scroll box (a data table scrolls sideways by itself, WCAG 1.4.10's exception) are left out.
 */
function controlsWiderThanViewport(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('input:not([type="hidden"]), select, textarea')]
      .filter((el) => !el.closest('.table-scroll'))
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
      .map((el) => `${el.tagName.toLowerCase()}#${el.id}`)
  );
}

describe('checkbox and radio fields', () => {
  it('on the review-round form each checkbox label sits beside its input, wraps as text, also at 320 px', async () => {
    const api = await loggedIn(env.server.url, DEMO.regie, DEMO_PASSWORD);
    const id = await createDocument(api, 'regio', 'Woonzorgvisie voor de formuliertest', 'woonzorgvisie');
    expect((await api.post(`/w/regio/documenten/${id}/versies`, { name: 'Versie voor de formuliertest' })).status).toBe(200);
    const page = await newPage(env.browser, env.server.url);
    await page.setViewportSize({ width: 1280, height: 900 });
    await logIn(page, DEMO.regie, DEMO_PASSWORD);
    await page.goto('/w/regio/reviewrondes');
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Reviewronde openen' }) });
    await form.waitFor();

    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      const labels = await optionLabels(page);
      expect(labels.length).toBeGreaterThan(3);
      for (const label of labels) {
        expect(label.text, JSON.stringify(label)).toBeTruthy();
        expect(label.labelLeft, JSON.stringify(label)).toBeGreaterThanOrEqual(label.inputRight);
        expect(label.sameLine, JSON.stringify(label)).toBe(true);
        // At most two lines on a wide screen; at 320 px a long label may take a few lines more, never one word a line.
        const maxLines = width === 1280 ? 2 : 4;
        expect(label.height, JSON.stringify(label)).toBeLessThanOrEqual(label.lineHeight * maxLines + 1);
      }
      // Before the fix, one word a line made this form 2,724 px tall at 1280 px.
      const height = (await form.boundingBox())!.height;
      expect(height, `form height at ${width}px`).toBeLessThan(width === 1280 ? 1100 : 1500);
      const overflow = await horizontalOverflow(page);
      expect(overflow.scrollWidth, `${width}px: page scrolls sideways`).toBeLessThanOrEqual(overflow.innerWidth);
      expect(await controlsWiderThanViewport(page)).toEqual([]);
    }

    // Space toggles the focused checkbox; a click on its label toggles it too.
    const organisations = page.getByRole('group', { name: 'Organisaties' });
    const zorgpartner = organisations.getByRole('checkbox', { name: /Zorgpartner Twente/ });
    await zorgpartner.focus();
    await page.keyboard.press('Space');
    expect(await zorgpartner.isChecked()).toBe(true);
    await page.keyboard.press('Space');
    expect(await zorgpartner.isChecked()).toBe(false);
    const grant = page.getByRole('checkbox', { name: /de rol commentator/ });
    await page.locator('label', { hasText: 'Geef genodigden die hier nog niet mogen reageren' }).click();
    expect(await grant.isChecked()).toBe(true);
    await page.locator('label', { hasText: 'Geef genodigden die hier nog niet mogen reageren' }).click();
    expect(await grant.isChecked()).toBe(false);
    await organisations.locator('label', { hasText: 'Gemeente Hengelo' }).click();
    expect(await organisations.getByRole('checkbox', { name: /Gemeente Hengelo/ }).isChecked()).toBe(true);

    // Sent without a choice, the group's error is tied to the fieldset and every box in it is marked invalid.
    await organisations.locator('label', { hasText: 'Gemeente Hengelo' }).click();
    await page.getByLabel('Naam van de ronde').fill('Ronde zonder genodigden');
    await page.getByLabel('Versie die ter review gaat').selectOption({ index: 1 });
    await page.getByLabel('Reageren kan tot en met').fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Reviewronde openen' }).click();
    await organisations.getByText('Nodig minstens één organisatie of persoon uit.').waitFor();
    const described = await organisations.evaluate((fieldset) =>
      (fieldset.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' | ')
    );
    expect(described).toContain('Nodig minstens één organisatie of persoon uit.');
    expect(await zorgpartner.getAttribute('aria-invalid')).toBe('true');
    await expectNoSeriousAxeViolations(page);
    await page.context().close();
  });

  it('the other forms keep their controls within a 320 px screen and their checkbox labels beside the box', async () => {
    const page = await newPage(env.browser, env.server.url);
    await logIn(page, DEMO.regie, DEMO_PASSWORD);
    await page.setViewportSize({ width: 320, height: 800 });
    const forms = [
      '/w/regio/knelpunten',
      '/w/regio/analyse/indicatoren',
      '/w/regio/analyse/import',
      '/w/regio/stap/1/wijzigen',
      '/w/regio/stap/2',
      '/w/regio/leden',
      '/account',
      '/beheer/gebruikers',
    ];
    for (const path of forms) {
      await page.goto(path);
      expect(await controlsWiderThanViewport(page), path).toEqual([]);
      for (const label of await optionLabels(page)) {
        expect(label.labelLeft, `${path}: ${JSON.stringify(label)}`).toBeGreaterThanOrEqual(label.inputRight);
        expect(label.sameLine, `${path}: ${JSON.stringify(label)}`).toBe(true);
        expect(label.height, `${path}: ${JSON.stringify(label)}`).toBeLessThanOrEqual(label.lineHeight * 4 + 1);
      }
    }
    await page.context().close();
  });

  // No form in the app asks for one of a few choices yet: the radio group's markup is checked on its own, in the
  // browser's DOM, beside the checkbox fields'.
  it('radio groups and checkbox fields: own <label for>, legend, description and error tied with aria-describedby', async () => {
    const page = await newPage(env.browser, env.server.url);
    const options = [
      { value: 'a', label: 'Eerste keuze' },
      { value: 'b', label: 'Tweede keuze', description: 'Met een toelichting.' },
    ];
    await page.setContent(
      renderForm(null, (fields) => [
        createElement(RadioGroup, { key: 'r', field: fields.choice, legend: 'Kies er één', description: 'Uitleg.', options }),
        createElement(CheckboxField, { key: 'a', field: fields.agree, label: 'Ik ga akkoord', description: 'Lees eerst.' }),
        createElement(PlainCheckbox, { key: 'p', id: 'los', name: 'los', label: 'Los vakje' }),
      ])
    );
    expect(await describeOptions(page)).toEqual({
      fieldsets: [{ role: 'radiogroup', legend: 'Kies er één', describedBy: 'Uitleg.' }],
      inputs: [
        {
          type: 'radio',
          name: 'choice',
          value: 'a',
          checked: false,
          label: 'Eerste keuze',
          ownLabel: true,
          describedBy: '',
          invalid: null,
        },
        {
          type: 'radio',
          name: 'choice',
          value: 'b',
          checked: true,
          label: 'Tweede keuze',
          ownLabel: true,
          describedBy: 'Met een toelichting.',
          invalid: null,
        },
        {
          type: 'checkbox',
          name: 'agree',
          value: 'on',
          checked: true,
          label: 'Ik ga akkoord',
          ownLabel: true,
          describedBy: 'Lees eerst.',
          invalid: null,
        },
        {
          type: 'checkbox',
          name: 'los',
          value: 'on',
          checked: false,
          label: 'Los vakje',
          ownLabel: true,
          describedBy: '',
          invalid: null,
        },
      ],
    });

    await page.setContent(
      renderForm({ choice: ['Kies een van beide.'], several: ['Kies er minstens één.'], agree: ['Vink dit aan.'] }, (fields) => [
        createElement(RadioGroup, { key: 'r', field: fields.choice, legend: 'Kies er één', options }),
        createElement(CheckboxGroup, { key: 'c', field: fields.several, legend: 'Kies er meer', options }),
        createElement(CheckboxField, { key: 'a', field: fields.agree, label: 'Ik ga akkoord' }),
      ])
    );
    const invalid = await describeOptions(page);
    expect(invalid.fieldsets).toEqual([
      { role: 'radiogroup', legend: 'Kies er één', describedBy: 'Kies een van beide.' },
      { role: null, legend: 'Kies er meer', describedBy: 'Kies er minstens één.' },
    ]);
    expect(invalid.inputs.map((i) => i.invalid)).toEqual(['true', 'true', 'true', 'true', 'true']);
    expect(invalid.inputs.at(-1)!.describedBy).toBe('Vink dit aan.');
    await page.context().close();
  });
});

type TestForm = { choice: string; several: string[]; agree: string };

/** The static markup of a conform form with the given errors, its fields drawn by `body`. */
function renderForm(
  errors: Record<string, string[]> | null,
  body: (fields: ReturnType<typeof useForm<TestForm>>[1]) => ReactNode
) {
  const initialValue = { choice: 'b', several: ['b'], agree: 'on' };
  function Form() {
    const [, fields] = useForm<TestForm>({
      id: 'test',
      defaultValue: initialValue,
      lastResult: errors ? { status: 'error', initialValue, error: errors } : undefined,
    });
    return createElement('form', null, body(fields));
  }
  return `<!doctype html><html lang="nl"><body>${renderToStaticMarkup(createElement(Form))}</body></html>`;
}

/** The fieldsets and checkbox/radio inputs of the page, with what their aria-describedby points at. */
function describeOptions(page: Page) {
  return page.evaluate(() => {
    const described = (el: Element) =>
      (el.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent ?? `(missing #${id})`)
        .join(' | ');
    return {
      fieldsets: [...document.querySelectorAll('fieldset')].map((f) => ({
        role: f.getAttribute('role'),
        legend: f.querySelector('legend')?.textContent ?? null,
        describedBy: described(f),
      })),
      inputs: [...document.querySelectorAll<HTMLInputElement>('input[type="checkbox"], input[type="radio"]')].map((input) => {
        const label = document.querySelector(`label[for="${input.id}"]`);
        return {
          type: input.type,
          name: input.name,
          value: input.value,
          checked: input.checked,
          label: label?.textContent ?? null,
          // Its own label, not wrapped round it, in the form-field grid's label column beside the input's.
          ownLabel:
            Boolean(label) &&
            !label!.contains(input) &&
            Boolean(label!.closest('.utrecht-form-field__label')) &&
            Boolean(input.closest('.utrecht-form-field__input')),
          describedBy: described(input),
          invalid: input.getAttribute('aria-invalid'),
        };
      }),
    };
  });
}
