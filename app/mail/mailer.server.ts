// E-mail over SMTP with nodemailer, only when SMTP_URL is set (smtp://user:pass@host:587 or smtps://…).
// Without it Thuisplan sends no e-mail and notifications stay in the app.
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export function createMailer(env: NodeJS.ProcessEnv = process.env): Mailer | null {
  if (!env.SMTP_URL) return null;
  const transport = nodemailer.createTransport(env.SMTP_URL);
  const from = env.MAIL_FROM || 'Thuisplan <noreply@thuisplan.nl>';
  return {
    async send(message) {
      await transport.sendMail({ from, ...message });
    },
  };
}
