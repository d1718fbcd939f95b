/**
 * Channel names alone, with no imports, so the preload bundle (which must stay one small
 * CommonJS file) carries the list without the validators. contract.ts holds a guard for each
 * invoke channel and the compiler checks the two lists agree.
 */
export const INVOKE_CHANNELS = [
  'app:info', 'app:quit',
  'params:import', 'params:export',
  'experiment:import', 'experiment:export',
  'runs:enqueue', 'runs:cancel', 'runs:cancelAll', 'runs:forget', 'runs:setRemoved', 'runs:getRaster', 'runs:getThreads', 'runs:setThreads',
  'gif:export', 'gif:cancel',
  'export:save',
  'cluster:prepare', 'cluster:follow', 'cluster:unfollow', 'cluster:followed', 'cluster:cancel', 'cluster:resume', 'cluster:import',
  'project:new', 'project:open', 'project:save', 'project:recent', 'project:setDirty',
  'project:autosave', 'project:recoverAutosave', 'project:discardAutosave',
  'archive:export', 'archive:verify'
] as const
export type InvokeChannel = (typeof INVOKE_CHANNELS)[number]

export const EVENT_CHANNELS = [
  'runs:status', 'runs:finished', 'gif:progress', 'menu:command', 'project:opened', 'project:recoverable', 'cluster:job'
] as const
export type EventChannel = (typeof EVENT_CHANNELS)[number]
