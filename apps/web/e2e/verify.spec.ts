import {
  checkPage,
  expect,
  newAccount,
  registerThroughForm,
  test,
  typeCode,
} from './support/fixtures';

test('a wrong code shows the attempts left, and the right one still works', async ({
  page,
  server,
}) => {
  const account = newAccount('wrong');
  const code = await registerThroughForm(page, server, account);
  const wrong = code === '000000' ? '111111' : '000000';

  await typeCode(page, wrong);
  const alert = page.getByRole('alert').filter({ hasText: 'not right' });
  await expect(alert).toHaveText('That code is not right. 2 attempts left.');
  // The boxes are cleared and ready for the next try.
  await expect(page.getByLabel('Digit 1 of 6')).toHaveValue('');
  await expect(page.getByLabel('Digit 1 of 6')).toBeFocused();
  await checkPage(page, 'verify-wrong-code');

  await typeCode(page, wrong);
  await expect(alert).toHaveText('That code is not right. 1 attempt left.');

  // Pasting the whole code fills all six boxes and submits it.
  await page.getByLabel('Digit 1 of 6').focus();
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text', text);
    document.activeElement?.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, `Your code: ${code}`);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});
