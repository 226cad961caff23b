'use client';

import { ApiReferenceReact } from '@scalar/api-reference-react';
import '@scalar/api-reference-react/style.css';

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
      }}
    />
  );
}
