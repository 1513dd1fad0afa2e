// The official MCP TypeScript SDK's client against JwtGuard's demo, as an MCP host runs it: no token at first, so the
// server's 401 sends it to the protected resource metadata, from there to the authorization server, where the
// client-credentials provider gets a token for the resource; then it calls tools. A tool the token's scopes do not
// reach answers 403 insufficient_scope: the SDK retries with the same configured scopes (its client-credentials
// provider asks for those, not the challenge's) and gives up, so the client steps up as its operator would, with a
// provider that asks for the scope the challenge named, and calls the tool again. Every HTTP answer is printed as one
// JSON line, the 401 and 403 challenges as the SDK's own extractWWWAuthenticateParams parses them.
// Usage: node client-flow.mjs <mcp-url> <client-id> <client-secret> <authorization-server-issuer>
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ClientCredentialsProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import { extractWWWAuthenticateParams } from '@modelcontextprotocol/sdk/client/auth.js';

const [url, clientId, clientSecret, expectedIssuer] = process.argv.slice(2);
let challengedScope = null;
const say = (event) => console.log(JSON.stringify(event));

const seen = async (input, init) => {
  const response = await fetch(input, init);
  const target = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
  const event = { event: 'http', method: init?.method ?? 'GET', path: target.pathname, status: response.status };
  if (response.status === 401 || response.status === 403) {
    const params = extractWWWAuthenticateParams(response);
    event.challenge = {
      error: params.error ?? null,
      scope: params.scope ?? null,
      resourceMetadataUrl: params.resourceMetadataUrl?.href ?? null,
    };
    if (params.error === 'insufficient_scope') {
      challengedScope = params.scope ?? null;
    }
  }
  say(event);
  return response;
};

async function connect(scope) {
  const provider = new ClientCredentialsProvider({ clientId, clientSecret, scope, expectedIssuer });
  const transport = new StreamableHTTPClientTransport(new URL(url), { authProvider: provider, fetch: seen });
  const client = new Client({ name: 'jwtguard-it', version: '1.0.0' });
  await client.connect(transport);
  say({ event: 'connected', scope: provider.tokens()?.scope ?? null });
  return { client, provider };
}

async function call(session, name) {
  const result = await session.client.callTool({ name, arguments: {} });
  say({ event: 'tool', name, isError: result.isError ?? false, text: result.content?.[0]?.text ?? null,
    scope: session.provider.tokens()?.scope ?? null });
}

const sessions = [];
try {
  const reader = await connect('mcp:read');
  sessions.push(reader);
  await call(reader, 'whoami');
  try {
    await call(reader, 'admin_report');
  } catch (refused) {
    say({ event: 'refused', name: 'admin_report', message: String(refused?.message ?? refused), challengedScope });
    if (!challengedScope) {
      throw refused;
    }
    const admin = await connect(`mcp:read ${challengedScope}`);
    sessions.push(admin);
    await call(admin, 'admin_report');
  }
  say({ event: 'done' });
} catch (error) {
  say({ event: 'failed', message: String(error?.message ?? error) });
  process.exitCode = 1;
} finally {
  for (const session of sessions) {
    await session.client.close().catch(() => {});
  }
  // An open event stream would keep the process alive.
  process.exit(process.exitCode ?? 0);
}
