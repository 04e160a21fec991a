/**
 * The master key every test store and every bot a test starts uses (vitest.config.ts sets it as
 * CIIC_MASTER_KEY): 32 bytes that spell out that they are no secret. Tests of the key file a bot
 * makes on its own start the bot without it.
 */
export const TEST_MASTER_KEY = Buffer.from("ciic test master key, not secret").toString("base64");

/** The key setting a bot process a test starts inherits from the test (see above). */
export const testKey = (): Record<string, string> => (process.env.CIIC_MASTER_KEY ? { CIIC_MASTER_KEY: process.env.CIIC_MASTER_KEY } : {});
