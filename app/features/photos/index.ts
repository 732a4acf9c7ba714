/** The photos feature as other features see it: everything outside this folder imports it from here. */
export { compressPhoto, PhotoError, PHOTO_MAX_LONG_SIDE, PHOTO_TARGET_BYTES } from './compress-photo';
export type { PhotoDraft, PhotoErrorCode } from './compress-photo';
export { savePhotos } from './save-photos';
export { photoStoreOf } from './photo-store';
export type { PhotoStore, StoredPhotoBytes } from './photo-store';
export { startPhotoUploads, connectionIsMetered } from './photo-uploads';
export type { PhotoUploads, PhotoUploadOptions } from './photo-uploads';
export { usePhotoUploadSummary } from './photo-upload-store';
export type { PhotoUploadEntry, PhotoUploadState, PhotoUploadFailure, PhotoUploadSummary } from './photo-upload-store';
export { loadPhotoBytes } from './photo-download';
export type { PhotoBytesResult } from './photo-download';
export { usePhotoBytes } from './usePhotoBytes';
export type { PhotoBytesView } from './usePhotoBytes';
export { PhotoPicker } from './PhotoPicker';
export type { PhotoPickerProps } from './PhotoPicker';
export { PhotoGallery } from './PhotoGallery';
export { PhotoUploadStatus } from './PhotoUploadStatus';
