/** Outgoing mail port. `configured` is false when no SMTP server is set; then links are only shown to copy. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  readonly configured: boolean;
  send(message: MailMessage): Promise<void>;
}
