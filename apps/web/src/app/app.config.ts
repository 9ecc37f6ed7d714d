import { provideHttpClient, withInterceptors } from '@angular/common/http';
import {
  type ApplicationConfig,
  provideBrowserGlobalErrorListeners,
} from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { apiInterceptor } from '@quorum/web/shared/data-access';
import { provideQuorumIcons } from '@quorum/web/shared/ui';
import { appRoutes } from './app.routes';

// Angular 21 is zoneless by default (no zone.js in the bundle), so no change-detection provider.
export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding()),
    // XHR backend (not withFetch): item uploads will need upload progress events.
    provideHttpClient(withInterceptors([apiInterceptor])),
    provideQuorumIcons(),
  ],
};
