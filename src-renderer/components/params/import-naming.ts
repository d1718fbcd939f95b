/** A set name for imported files: the file's stem, or the folder of the reference study's six files. */
export function importedSetName(sources: readonly string[]): string {
  const parts = (p: string): string[] => p.split(/[\\/]/).filter(Boolean)
  if (sources.length === 1) {
    const file = parts(sources[0]).pop() ?? ''
    return file.replace(/\.(ya?ml)$/i, '') || 'imported'
  }
  const dirs = sources.map((s) => parts(s).slice(0, -1).pop() ?? '')
  return dirs[0] && dirs.every((d) => d === dirs[0]) ? dirs[0] : 'imported'
}
