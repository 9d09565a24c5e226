/** Buttons: primary for the one main action of a view, plain for the rest, danger for what removes or closes. */
import type { ButtonHTMLAttributes } from 'react';
import { Link, type LinkProps } from 'react-router-dom';

type Variant = 'primary' | 'plain' | 'danger' | 'ghost';

function classes(variant: Variant, small?: boolean, extra?: string) {
  return ['btn', `btn-${variant}`, small ? 'btn-small' : '', extra ?? ''].filter(Boolean).join(' ');
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  small?: boolean;
  /** While true the button is disabled and says it is working. */
  pending?: boolean;
}

export function Button({ variant = 'plain', small, pending, className, disabled, type = 'button', children, ...rest }: ButtonProps) {
  return (
    <button type={type} className={classes(variant, small, className)} disabled={disabled || pending} aria-busy={pending || undefined} {...rest}>
      {children}
    </button>
  );
}

/** A link that looks like a button, for actions that open another page. */
export function LinkButton({ variant = 'plain', small, className, ...rest }: LinkProps & { variant?: Variant; small?: boolean }) {
  return <Link className={classes(variant, small, className)} {...rest} />;
}
