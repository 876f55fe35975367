// Secondary entry point `@confidant/web/core/forms`: the form parts that pages setting a password
// share (new password with strength meter, recovery code step, username rules, form helpers). They
// pull in Angular Material's form fields, so they stay out of the main entry point, which the shell
// loads on every page; only the lazy-loaded areas import them.
export * from './lib/forms/form-helpers';
export * from './lib/forms/forms.text';
export * from './lib/forms/username';
export * from './lib/password/new-password-fields';
export * from './lib/password/password-strength';
export * from './lib/password/password.text';
export * from './lib/recovery-code/recovery-code-step';
export * from './lib/recovery-code/recovery-code.text';
