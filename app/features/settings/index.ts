/** The settings feature as other parts of the app see it. */
export { SettingsScreen } from './SettingsScreen';
export { StorageNotices } from './StorageNotices';
