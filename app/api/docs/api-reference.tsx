'use client';

import { ApiReferenceReact } from '@scalar/api-reference-react';
import '@scalar/api-reference-react/style.css';

/**
 * Scalar's muted text and HTTP-method colours, darkened (light theme) or lightened (dark theme) to pass WCAG AA
 * contrast (4.5:1) on its backgrounds: axe finds its defaults at 1.6–4.4:1 (e2e/accessibility.spec.ts).
 */
const CONTRAST_CSS = `
.light-mode {
  --scalar-color-3: #5f5f5f !important;
  --scalar-color-green: #006b44 !important;
  --scalar-color-yellow: #7a5a00 !important;
  --scalar-color-red: #b00000 !important;
  --scalar-color-orange: #a33d00 !important;
  --scalar-color-blue: #0b57b8 !important;
  --scalar-color-purple: #6b3fb8 !important;
}
.dark-mode {
  --scalar-color-3: #a3a3a3 !important;
  --scalar-color-red: #ff7070 !important;
  --scalar-color-orange: #ff9a52 !important;
}`;

/**
 * Scalar's reference, from our own bundle: no fonts, scripts, proxies, AI agent or telemetry from other origins
 * (the server that runs this may have no internet, and a reader's browser should not call third parties).
 */
export function ApiReference() {
  return (
    <ApiReferenceReact
      configuration={{
        url: '/api/openapi.json',
        withDefaultFonts: false,
        telemetry: false,
        hideClientButton: true,
        showDeveloperTools: 'never',
        documentDownloadType: 'json',
        mcp: { disabled: true },
        agent: { disabled: true },
        defaultOpenAllTags: true,
        persistAuth: false,
        customCss: CONTRAST_CSS,
      }}
    />
  );
}
