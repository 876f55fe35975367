import { bootstrapApplication } from '@angular/platform-browser';
import { appConfig } from './app/app.config';
import { App } from './app/app';

function start(): void {
  bootstrapApplication(App, appConfig).catch((error: unknown) => console.error(error));
}

// The landing page arrives prerendered: let the browser paint it before the app takes over.
if (document.querySelector('cf-root')?.childElementCount) {
  requestAnimationFrame(() => setTimeout(start));
} else {
  start();
}
