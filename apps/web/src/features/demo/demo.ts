/**
 * The sample project: one call asks the server to build a small production (a short screenplay,
 * scenes, planned shots, reference stills and previs takes) owned by the member, and answers its id.
 */
import { api } from '../../shared/api/client.ts';

export async function buildSampleProject(): Promise<{ projectId: string }> {
  const { projectId } = await api.createDemo();
  return { projectId };
}
