// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { Field } from './field';
import { InfoHint } from './info-hint';

const TEXT = 'In months shorter than the day, the rule posts on the last day: the 31st becomes Feb 28.';

afterEach(cleanup);

describe('InfoHint', () => {
  it('is a button in the tab order, named by its label and described by its text before it is opened', async () => {
    const user = userEvent.setup();
    render(
      <div>
        <input aria-label="Before" />
        <InfoHint label="About Day of month">{TEXT}</InfoHint>
      </div>,
    );
    act(() => screen.getByRole('textbox', { name: 'Before' }).focus());
    await user.tab();
    const button = screen.getByRole('button', { name: 'About Day of month' });
    expect(button).toBe(document.activeElement);
    const description = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toBe(TEXT);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('opens with Enter to show the text, and Escape closes it with focus back on the button', async () => {
    const user = userEvent.setup();
    render(<InfoHint label="About Day of month">{TEXT}</InfoHint>);
    const button = screen.getByRole('button', { name: 'About Day of month' });
    act(() => button.focus());
    await user.keyboard('{Enter}');
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const popup = await screen.findByRole('dialog');
    expect(popup.textContent).toBe(TEXT);
    await user.keyboard('{Escape}');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);
  });
});

describe('Field', () => {
  it('ties the label, the description and the errors to the control, and names its InfoHint after the label', () => {
    render(
      <Field label="Day of month" description="1 to 31" info={TEXT} errors={['Enter a day from 1 to 31']}>
        {(control) => <input {...control} />}
      </Field>,
    );
    const input = screen.getByRole('textbox', { name: 'Day of month' });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const described = (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(['Enter a day from 1 to 31', '1 to 31']);
    expect(screen.getByRole('button', { name: 'About Day of month' })).toBeTruthy();
  });

  it('leaves a valid control unmarked and undescribed', () => {
    render(<Field label="Memo">{(control) => <input {...control} />}</Field>);
    const input = screen.getByRole('textbox', { name: 'Memo' });
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(input.hasAttribute('aria-describedby')).toBe(false);
  });
});
