/** The product name as archives name their creator (NWB source_script, RO-Crate instrument). */
export const APP_NAME_FOR_FILES = 'Serotonin Attractor Workbench'
