/** How remote commands reach a running server: its address and an API token, through the typed client. */
import { PAGE_LIMIT, type Project, type Scene, type Shot } from '@backlot/contracts';
import { createClient, followPages, type Client } from '@backlot/contracts/client';

export interface RemoteOptions {
  server?: string;
  token?: string;
}

/** The server address and token from the options or the environment. */
export function remoteServer(opts: RemoteOptions): { server: string; token: string } {
  const server = (opts.server ?? process.env.BACKLOT_URL ?? 'http://127.0.0.1:4100').replace(/\/$/, '');
  const token = opts.token ?? process.env.BACKLOT_TOKEN;
  if (!token) throw new UsageError('an API token is needed: pass --token or set BACKLOT_TOKEN (create one on your account page, or with `backlot token create`)');
  return { server, token };
}

/** The typed client for the configured server; says on stderr which server it talks to. */
export function remoteClient(opts: RemoteOptions): Client {
  const { server, token } = remoteServer(opts);
  process.stderr.write(`(via the server at ${server})\n`);
  return createClient({ baseUrl: server, token });
}

/** A mistake in how a command was called. */
export class UsageError extends Error {}

/** The project with this code among the caller's projects (closed ones included). */
export async function findProject(client: Client, code: string): Promise<Project> {
  const { projects } = await client.listProjects({ query: { closed: 'include' } });
  const project = projects.find((p) => p.code === code.toUpperCase());
  if (!project) throw new UsageError(`you are not a member of a project with the code ${code}`);
  return project;
}

/** Every scene of a project in order, following the list's pages so a long script is never cut off. */
export async function allScenes(client: Client, projectId: string): Promise<Scene[]> {
  return (await followPages((offset) => client.listScenes({ params: { projectId }, query: { offset, limit: PAGE_LIMIT.max } }))).flatMap((p) => p.scenes);
}

/** Every shot of a project (or of one scene) in order, following the list's pages. */
export async function allShots(client: Client, projectId: string, sceneId?: string): Promise<Shot[]> {
  return (await followPages((offset) => client.listShots({ params: { projectId }, query: { sceneId, offset, limit: PAGE_LIMIT.max } }))).flatMap((p) => p.shots);
}
