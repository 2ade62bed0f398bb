/** Values electron-vite writes into the main build from MAIN_VITE_* environment variables. */
interface ImportMetaEnv {
  /** The Leadbridge External Client App's consumer key (see README). */
  readonly MAIN_VITE_SALESFORCE_CLIENT_ID?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
