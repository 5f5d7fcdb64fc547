import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import type { PasswordHasher, TokenService } from "@ecogov/domain";

// scrypt N=2^15, r=8, p=1 (OWASP's minimum recommendation) — about 50–100 ms per hash here.
const PARAMS = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEYLEN = 32;

function derive(password: string, salt: Buffer, p: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize("NFKC"), salt, KEYLEN, p, (err, key) => (err ? reject(err) : resolve(key))));
}

/** Passwords hashed with scrypt and stored as `scrypt$N$r$p$salt$hash` (base64), so parameters can grow. */
export const scryptHasher: PasswordHasher = {
  async hash(password) {
    const salt = randomBytes(16);
    const key = await derive(password, salt, PARAMS);
    return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString("base64")}$${key.toString("base64")}`;
  },
  async verify(stored, password) {
    const [alg, n, r, p, salt, hash] = stored.split("$");
    if (alg !== "scrypt" || !salt || !hash) return false;
    const expected = Buffer.from(hash, "base64");
    const key = await derive(password, Buffer.from(salt, "base64"), { N: Number(n), r: Number(r), p: Number(p), maxmem: PARAMS.maxmem });
    return key.length === expected.length && timingSafeEqual(key, expected);
  },
};

/** Session tokens: 32 random bytes; only their SHA-256 is stored, so a database leak yields no sessions. */
export const tokenService: TokenService = {
  generate: () => randomBytes(32).toString("base64url"),
  hash: (token) => createHash("sha256").update(token).digest("hex"),
};
