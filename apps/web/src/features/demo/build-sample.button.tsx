/** "Build the sample project": asks the server for the sample production, says how long it has been working, then opens it. */
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { messageOf } from '../../shared/lib/errors.ts';
import { useAction } from '../../shared/lib/use-action.ts';
import { Banner } from '../../shared/ui/banner.tsx';
import { Button } from '../../shared/ui/button.tsx';
import { buildSampleProject } from './demo.ts';

export function BuildSampleButton() {
  const navigate = useNavigate();
  const [seconds, setSeconds] = useState(0);
  const build = useAction(buildSampleProject);

  useEffect(() => {
    if (!build.pending) return;
    setSeconds(0);
    const timer = setInterval(() => setSeconds((s) => s + 1), 1000);
    return () => clearInterval(timer);
  }, [build.pending]);

  return (
    <div className="demo-build">
      <Button
        pending={build.pending}
        onClick={async () => {
          const built = await build.run();
          if (built) navigate(`/projects/${built.projectId}`);
        }}
      >
        Build the sample project
      </Button>
      {build.pending && (
        <div className="muted small" role="status">
          Building the sample project: a short screenplay, its scenes and planned shots, reference stills and previs takes… {seconds > 0 && <span className="mono">{seconds} s</span>}
        </div>
      )}
      {build.error ? <Banner tone="error">The sample project was not built: {messageOf(build.error)}</Banner> : null}
    </div>
  );
}
