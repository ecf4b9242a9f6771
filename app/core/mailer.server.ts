// E-mail over SMTP with nodemailer, only when SMTP_URL is set (smtp://user:pass@host:587 or smtps://…).
// Without it Thuisplan sends no e-mail and notifications stay in the app.
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Where links in e-mails point: configured, never taken from a request's Host header. */
  origin: string;
  send(message: MailMessage): Promise<void>;
}

export function createMailer(env: NodeJS.ProcessEnv = process.env): Mailer | null {
  if (!env.SMTP_URL) return null;
  const transport = nodemailer.createTransport(env.SMTP_URL);
  const from = env.MAIL_FROM || 'Thuisplan <noreply@thuisplan.nl>';
  const origin = env.APP_ORIGIN?.split(',')[0]?.trim().replace(/\/$/, '') || `http://localhost:${env.PORT ?? 3000}`;
  if (!env.APP_ORIGIN) console.warn(`SMTP_URL is ingesteld maar APP_ORIGIN niet: links in e-mails wijzen naar ${origin}`);
  return {
    origin,
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}
