/** The project the data benches share: "Nightfall" (NF01, 24 fps, EUR), 20 scenes of 10 shots, made through the services. */
import { ShotPlan } from '@backlot/contracts';
import type { Container } from '../../apps/server/src/container.ts';

export async function seedBenchProject(services: Container['services']) {
  const owner = await services.accounts.setup({ name: 'Olivia Marsh', email: 'olivia@studio.example', password: 'bench-password-not-secret' });
  const actor = { accountId: owner.id, name: owner.name };
  const project = await services.projects.create(actor, {
    name: 'Nightfall',
    code: 'NF01',
    frameRate: '24/1',
    timecodeMode: 'ndf',
    resolution: { width: 1920, height: 1080 },
    currency: 'EUR',
    budget: '250000',
  });
  const shots: string[] = [];
  for (let s = 0; s < 20; s++) {
    const scene = await services.scenes.create(actor, project.id, { heading: `INT. LOCATION ${s + 1} - NIGHT`, beat: '', excerpt: '', characters: [] });
    for (let k = 0; k < 10; k++) shots.push((await services.shots.create(actor, project.id, scene.id, { plan: ShotPlan.parse({}) })).id);
  }
  return { owner, actor, project, shots };
}
