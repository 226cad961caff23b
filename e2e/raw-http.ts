import http from 'node:http';

/**
 * A JSON POST sent from a chosen loopback source address. All of 127.0.0.0/8 reaches this host, so the server sees
 * `from` as the socket's peer address: the one thing a client cannot choose by headers. (Playwright's request
 * context cannot pick its source address.)
 */
export function postJsonFrom(from: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)), ...headers },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
