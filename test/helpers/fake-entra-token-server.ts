import { createServer, type Server } from 'node:http';
import { listen } from '../../adapters/http/create-http-server';

// A stand-in for Microsoft's sign-in service (login.microsoftonline.com): the OAuth
// client-credentials grant a bot uses for its Bot Framework token. It knows one app per tenant and
// answers mistakes with the error codes Entra uses (AADSTS7000215 wrong secret, AADSTS700016 app
// not in that tenant, AADSTS90002 unknown tenant).

export interface FakeApp { tenant: string; appId: string; secret: string }

export interface FakeEntra {
  url: string;
  requests: { path: string; form: Record<string, string> }[];
  close(): Promise<void>;
}

const entraError = (status: number, code: number, error: string, description: string) => ({
  status,
  body: { error, error_description: `AADSTS${code}: ${description}\r\nTrace ID: 00000000-0000-0000-0000-000000000000`, error_codes: [code] },
});

export async function startFakeEntra(apps: FakeApp[]): Promise<FakeEntra> {
  const requests: FakeEntra['requests'] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => { raw += c.toString('utf8'); });
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(raw));
      const path = req.url ?? '';
      requests.push({ path, form });
      const tenant = decodeURIComponent(/^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(path)?.[1] ?? '');
      const inTenant = apps.filter((a) => a.tenant === tenant);
      const app = inTenant.find((a) => a.appId === form.client_id);
      const answer =
        req.method !== 'POST' || form.grant_type !== 'client_credentials' || form.scope !== 'https://api.botframework.com/.default' ? entraError(400, 900144, 'invalid_request', 'The request body is not a client-credentials request.')
        : tenant !== 'botframework.com' && !inTenant.length ? entraError(400, 90002, 'invalid_request', `Tenant '${tenant}' not found.`)
        : !app ? entraError(400, 700016, 'unauthorized_client', `Application with identifier '${form.client_id}' was not found in the directory '${tenant}'.`)
        : app.secret !== form.client_secret ? entraError(401, 7000215, 'invalid_client', 'Invalid client secret provided.')
        : { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'fake-bot-framework-token' } };
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
