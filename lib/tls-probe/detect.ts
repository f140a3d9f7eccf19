import type { AttemptContext } from "./channel";
import { handshakeAttempt } from "./handshake-probe";
import { helloAttempt } from "./hello-probe";
import type { Attempt } from "./outcome";
import { TLS_VERSIONS, type TlsVersionName } from "./versions";

export type Attempts = Record<TlsVersionName, Attempt>;

export interface Detection {
  attempts: Attempts;
  /** The completed real handshake whose certificate the result reports (the best version). */
  certificateFrom: Extract<Attempt, { supported: true }> | null;
}

type Supported = Extract<Attempt, { supported: true }>;
const isRealSuccess = (a: Attempt): a is Supported => a.supported && a.method === "handshake" && a.peer !== undefined;

function bestReal(attempts: Partial<Attempts>): Supported | null {
  for (const v of [...TLS_VERSIONS].reverse()) {
    const a = attempts[v];
    if (a && isRealSuccess(a)) return a;
  }
  return null;
}

/** A real Node handshake for every version, in parallel (all bounded by the one deadline). */
export async function detectByHandshakes(ctx: AttemptContext, versions: readonly TlsVersionName[] = TLS_VERSIONS): Promise<Partial<Attempts>> {
  const results = await Promise.all(versions.map((v) => handshakeAttempt(ctx, v)));
  return Object.fromEntries(results.map((a) => [a.version, a]));
}

export async function detectAllByHandshake(ctx: AttemptContext): Promise<Detection> {
  const attempts = (await detectByHandshakes(ctx)) as Attempts;
  return { attempts, certificateFrom: bestReal(attempts) };
}

/**
 * The default strategy. In parallel: a real handshake at TLS 1.3 (the version most endpoints
 * negotiate today, so it usually doubles as the certificate handshake) and hand-built hellos for
 * TLS 1.0-1.2. If TLS 1.3 fails, the best version a hello found is confirmed by a real handshake,
 * which also yields the certificate. If that confirmation fails, the hellos are not trusted at
 * all: every older version is re-tested with real handshakes and those results replace them.
 * So a version at or above the floor only ever counts when a real handshake completed.
 */
export async function detectAuto(ctx: AttemptContext): Promise<Detection> {
  const older = ["TLSv1.2", "TLSv1.1", "TLSv1"] as const;
  const real13 = handshakeAttempt(ctx, "TLSv1.3");
  const hellos = Object.fromEntries(older.map((v) => [v, helloAttempt(ctx, v)])) as Record<(typeof older)[number], Promise<Attempt>>;

  const attempts: Partial<Attempts> = { "TLSv1.3": await real13 };
  let certificateFrom = bestReal(attempts);

  if (!certificateFrom) {
    // The best older version: the newest one a hello found, once every newer hello has answered.
    let best: TlsVersionName | null = null;
    for (const v of older) {
      if ((await hellos[v]).supported) {
        best = v;
        break;
      }
    }
    if (best) {
      const confirmation = await handshakeAttempt(ctx, best);
      if (isRealSuccess(confirmation)) {
        attempts[best] = confirmation;
        certificateFrom = confirmation;
      } else {
        const rest = older.filter((v) => v !== best);
        await Promise.all(Object.values(hellos)); // let them finish; their sockets close with them
        Object.assign(attempts, await detectByHandshakes(ctx, rest), { [best]: confirmation });
        certificateFrom = bestReal(attempts);
      }
    }
  }
  for (const v of older) attempts[v] ??= await hellos[v];
  return { attempts: attempts as Attempts, certificateFrom };
}
