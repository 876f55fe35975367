// The declaration must travel with this file into every program that bundles the icons.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./svg.d.ts" />
// Material Symbols (outlined, weight 400) from the `@material-symbols/svg-400` package, bundled
// into the scripts: no request for an icon, and an unused icon costs nothing.
export { default as callIcon } from '@material-symbols/svg-400/outlined/call.svg';
export { default as deleteForeverIcon } from '@material-symbols/svg-400/outlined/delete_forever.svg';
export { default as downloadIcon } from '@material-symbols/svg-400/outlined/download.svg';
export { default as lockIcon } from '@material-symbols/svg-400/outlined/lock.svg';
export { default as logoutIcon } from '@material-symbols/svg-400/outlined/logout.svg';
export { default as mailIcon } from '@material-symbols/svg-400/outlined/mail.svg';
export { default as personOffIcon } from '@material-symbols/svg-400/outlined/person_off.svg';
export { default as printIcon } from '@material-symbols/svg-400/outlined/print.svg';
export { default as shieldIcon } from '@material-symbols/svg-400/outlined/shield.svg';
export { default as translateIcon } from '@material-symbols/svg-400/outlined/translate.svg';
export { default as contentCopyIcon } from '@material-symbols/svg-400/outlined/content_copy.svg';
export { default as keyIcon } from '@material-symbols/svg-400/outlined/key.svg';
export { default as personAddIcon } from '@material-symbols/svg-400/outlined/person_add.svg';
