/** Where the e2e server listens and the demo accounts' password it is started with. */
export const e2ePort = Number(process.env.E2E_PORT ?? 8181);
export const e2eBaseUrl = `http://127.0.0.1:${e2ePort}`;
export const e2eDemoPassword = 'e2e violet harbor lantern';
