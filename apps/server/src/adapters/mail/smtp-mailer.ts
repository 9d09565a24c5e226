/** Outgoing mail over SMTP with nodemailer; a mailer that is not configured sends nothing. */
import nodemailer from 'nodemailer';
import type { Mailer } from '../../ports/mailer.ts';

export function createSmtpMailer(options: { smtpUrl?: string; from: string }): Mailer {
  if (!options.smtpUrl) {
    return {
      configured: false,
      async send() {
        throw new Error('mail is not configured');
      },
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    configured: true,
    async send(message) {
      await transport.sendMail({ from: options.from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}
