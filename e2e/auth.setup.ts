import { test as setup } from '@playwright/test';
import { DEMO_EMAIL, DEMO_STORAGE_STATE, E2E_DEMO_PASSWORD } from './demo';
import { SignInPage } from './pages/sign-in-page';

setup('sign in as the demo owner', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(DEMO_EMAIL, E2E_DEMO_PASSWORD);
  await page.context().storageState({ path: DEMO_STORAGE_STATE });
});
