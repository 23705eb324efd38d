import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { CodeInput } from './CodeInput';

function Harness({ onComplete }: { onComplete: (code: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <>
      <span id="label">Code</span>
      <CodeInput value={value} onChange={setValue} onComplete={onComplete} labelledBy="label" />
      <output data-testid="value">{value}</output>
    </>
  );
}

const box = (n: number) => screen.getByLabelText(`Digit ${n} of 6`);

describe('CodeInput', () => {
  it('is a labelled group of six numeric boxes', () => {
    render(<Harness onComplete={vi.fn()} />);
    expect(screen.getByRole('group', { name: 'Code' })).toBeInTheDocument();
    expect(screen.getAllByRole('textbox')).toHaveLength(6);
    expect(box(1)).toHaveAttribute('inputmode', 'numeric');
    expect(box(1)).toHaveAttribute('autocomplete', 'one-time-code');
  });

  it('moves to the next box as digits are typed and completes on the sixth', async () => {
    const onComplete = vi.fn();
    render(<Harness onComplete={onComplete} />);
    await userEvent.click(box(1));
    await userEvent.keyboard('123');
    expect(box(4)).toHaveFocus();
    expect(onComplete).not.toHaveBeenCalled();
    await userEvent.keyboard('456');
    expect(onComplete).toHaveBeenCalledWith('123456');
    expect(screen.getByTestId('value')).toHaveTextContent('123456');
  });

  it('ignores letters', async () => {
    render(<Harness onComplete={vi.fn()} />);
    await userEvent.click(box(1));
    await userEvent.keyboard('a');
    expect(box(1)).toHaveValue('');
    expect(box(1)).toHaveFocus();
  });

  it('fills every box from a pasted code, whatever surrounds it', () => {
    const onComplete = vi.fn();
    render(<Harness onComplete={onComplete} />);
    fireEvent.paste(box(3), { clipboardData: { getData: () => 'Your code: 987 654' } });
    expect(onComplete).toHaveBeenCalledWith('987654');
    expect([1, 2, 3, 4, 5, 6].map((n) => (box(n) as HTMLInputElement).value).join('')).toBe(
      '987654',
    );
  });

  it('goes back a box on Backspace in an empty box, and clears it', async () => {
    render(<Harness onComplete={vi.fn()} />);
    await userEvent.click(box(1));
    await userEvent.keyboard('12');
    expect(box(3)).toHaveFocus();
    await userEvent.keyboard('{Backspace}');
    expect(box(2)).toHaveFocus();
    expect(box(2)).toHaveValue('');
    expect(screen.getByTestId('value')).toHaveTextContent('1');
  });

  it('keeps digits in place when an earlier one is cleared', async () => {
    render(<Harness onComplete={vi.fn()} />);
    await userEvent.click(box(1));
    await userEvent.keyboard('123');
    await userEvent.click(box(1));
    await userEvent.keyboard('{Delete}');
    expect(box(1)).toHaveValue('');
    expect(box(2)).toHaveValue('2');
    expect(box(3)).toHaveValue('3');
  });
});
