/** Copies a text to the clipboard and says so for a moment. */
import { useEffect, useState } from 'react';
import { Button } from './button.tsx';

async function copyText(text: string) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  // Plain-http deployments have no clipboard API: fall back to a selected, hidden field.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  document.execCommand('copy');
  area.remove();
}

export function CopyButton({ text, label = 'Copy', small }: { text: string; label?: string; small?: boolean }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(t);
  }, [copied]);
  return (
    <Button
      small={small}
      onClick={() => {
        void copyText(text).then(() => setCopied(true));
      }}
    >
      {copied ? 'Copied' : label}
    </Button>
  );
}
