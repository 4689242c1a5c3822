// Types of buildWasm.mjs for the test that checks the committed module against the .wat.
export const SOURCE: string;
export const TARGET: string;
export function generatedModule(wat: string): Promise<string>;
