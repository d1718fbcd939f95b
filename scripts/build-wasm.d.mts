export const CLANG_ARGS: string[]
export function compileKernel(): Buffer
