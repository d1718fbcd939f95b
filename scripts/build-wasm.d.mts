export const CLANG_ARGS: string[]
export function compileKernel(opts?: { simd?: boolean; profile?: boolean }): Buffer
