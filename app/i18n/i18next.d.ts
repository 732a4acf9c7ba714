/**
 * Translation keys are typed from the English files: a key missing there is a type error, and a
 * test checks that every other language has exactly the same keys.
 */
import 'i18next';
import type account from '../../locales/en/account.json';
import type admin from '../../locales/en/admin.json';
import type common from '../../locales/en/common.json';
import type needs from '../../locales/en/needs.json';
import type offers from '../../locales/en/offers.json';
import type matches from '../../locales/en/matches.json';
import type municipalities from '../../locales/en/municipalities.json';
import type home from '../../locales/en/home.json';
import type pledges from '../../locales/en/pledges.json';
import type messages from '../../locales/en/messages.json';
import type notifications from '../../locales/en/notifications.json';
import type deliveries from '../../locales/en/deliveries.json';
import type photos from '../../locales/en/photos.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
      needs: typeof needs;
      account: typeof account;
      admin: typeof admin;
      offers: typeof offers;
      matches: typeof matches;
      municipalities: typeof municipalities;
      home: typeof home;
      pledges: typeof pledges;
      messages: typeof messages;
      notifications: typeof notifications;
      deliveries: typeof deliveries;
      photos: typeof photos;
    };
  }
}
