import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";
import { signPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature";

// The two ways a message leaves: email over SMTP (nodemailer) and a signed HTTP POST. Each returns
// what the receiving server answered, for the delivery log; a refusal or an unreachable server
// throws a ChannelError carrying that answer, and says whether trying again could help.

export class ChannelError extends Error {
  constructor(
    message: string,
    /** False when trying again cannot help (no mail server configured, a 4xx from a webhook). */
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

const SEND_TIMEOUT_MS = 10_000;

let transport: { url: string; transporter: Transporter } | null = null;

function mailer(): Transporter {
  const url = env().SMTP_URL;
  if (!url) throw new ChannelError("Email is not configured: set SMTP_URL (and MAIL_FROM) for the worker and the web server.", false);
  if (transport?.url !== url) {
    transport?.transporter.close();
    transport = {
      url,
      transporter: nodemailer.createTransport(url, { connectionTimeout: SEND_TIMEOUT_MS, greetingTimeout: SEND_TIMEOUT_MS, socketTimeout: SEND_TIMEOUT_MS }),
    };
  }
  return transport.transporter;
}

export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends one email; returns the server's answer ("250 Accepted …"). */
export async function sendEmail(mail: Email): Promise<string> {
  const transporter = mailer();
  try {
    const info = await transporter.sendMail({ from: env().MAIL_FROM, ...mail });
    return info.response || "accepted";
  } catch (err) {
    const e = err as { responseCode?: number; response?: string; code?: string; message?: string };
    // 5xx: the server refused this message for good; anything else (4xx, connection) may pass later.
    const permanent = typeof e.responseCode === "number" && e.responseCode >= 500;
    throw new ChannelError(e.response ?? `${e.code ? `${e.code}: ` : ""}${e.message ?? String(err)}`, !permanent);
  }
}

/** POSTs a JSON body, signed with the webhook's secret; returns "<status> <first bytes of the answer>". */
export async function callWebhook(url: string, secret: string, body: string, at = new Date()): Promise<string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "tls-readiness-board",
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: signPayload(secret, timestamp, body),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new ChannelError(`Could not reach ${new URL(url).host}: ${cause?.code ?? cause?.message ?? (err as Error).message}`, true);
  }
  const text = (await response.text().catch(() => "")).slice(0, 300);
  const answer = `${response.status} ${response.statusText}${text ? `: ${text}` : ""}`.trim();
  if (response.ok) return answer;
  // A receiver that is down or overloaded may come back; one that refuses the call will not.
  throw new ChannelError(answer, response.status >= 500 || response.status === 429 || response.status === 408);
}
