import "server-only";
import http from "node:http";
import https from "node:https";
import nodemailer, { type Transporter } from "nodemailer";
import type { TargetPolicy } from "@/lib/tls-probe";
import { env } from "@/lib/env";
import { signPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER } from "./signature";
import { webhookAddress, webhookPolicy } from "./webhook-target";

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
export async function callWebhook(url: string, secret: string, body: string, at = new Date(), policy?: TargetPolicy): Promise<string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  const target = await webhookAddress(url, policy ?? (await webhookPolicy()));
  if (!target.ok) throw new ChannelError(target.reason, !target.refused);
  let response: { status: number; statusText: string; text: string };
  try {
    response = await post(new URL(url), target, body, {
      "content-type": "application/json",
      "user-agent": "tls-readiness-board",
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signPayload(secret, timestamp, body),
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ChannelError(`Could not reach ${new URL(url).host}: ${e.name === "TimeoutError" || e.name === "AbortError" ? `no answer within ${SEND_TIMEOUT_MS / 1000} s` : (e.code ?? e.message)}`, true);
  }
  const answer = `${response.status} ${response.statusText}${response.text ? `: ${response.text}` : ""}`.trim();
  if (response.status >= 200 && response.status < 300) return answer;
  // A receiver that is down or overloaded may come back; one that refuses the call will not.
  // A redirect is not followed (its target was not checked): it counts as a refusal.
  throw new ChannelError(answer, response.status >= 500 || response.status === 429 || response.status === 408);
}

const ANSWER_CHARS = 300;

/** One POST to the checked address (the URL's host still names the server: Host header, SNI, certificate). */
function post(url: URL, target: { address: string; family: 4 | 6 }, body: string, headers: Record<string, string>) {
  const send = url.protocol === "https:" ? https.request : http.request;
  return new Promise<{ status: number; statusText: string; text: string }>((resolve, reject) => {
    const request = send(
      url,
      {
        method: "POST",
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        agent: false,
        lookup: (_host, opts, done) =>
          (opts as { all?: boolean }).all ? done(null, [{ address: target.address, family: target.family }] as never, target.family) : done(null, target.address, target.family),
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
          // The start of the answer is all the log keeps: stop reading a long one.
          if (text.length >= ANSWER_CHARS) res.destroy();
        });
        const done = () => resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", text: text.slice(0, ANSWER_CHARS) });
        res.on("end", done);
        res.on("close", done);
        res.on("error", () => done());
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
